"""The .docx package as bytes: a deterministic zip.

python-docx stamps every zip member with the current time. These helpers write
members in a given order with a fixed date and fixed permissions, so the same
paper gives the same bytes.
"""

from __future__ import annotations

import io
import zipfile

from ..errors import shown

FIXED_TIME = (1980, 1, 1, 0, 0, 0)


def zip_members(members) -> bytes:
    """A zip of `(name, bytes)` pairs, in order, with fixed dates and attributes."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in members:
            info = zipfile.ZipInfo(name, date_time=FIXED_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            info.create_system = 3
            zf.writestr(info, data, compresslevel=6)
    return out.getvalue()


def deterministic_zip(blob: bytes) -> bytes:
    """`blob` (a zip) rewritten with fixed member dates and attributes."""
    with zipfile.ZipFile(io.BytesIO(blob)) as src:
        return zip_members((i.filename, src.read(i.filename)) for i in src.infolist())


# -- reading a package that comes from outside ---------------------------------

MAX_FILE = 50 * 1024 * 1024  # a reviewed paper is a few hundred kilobytes
MAX_MEMBERS = 2000
MAX_MEMBER = 64 * 1024 * 1024
MAX_TOTAL = 128 * 1024 * 1024
MAX_RATIO = 200  # XML compresses ten- to thirty-fold; bombs by thousands


class UnsafePackage(Exception):
    """The file is not a .docx boardpaper will read."""


def read_members(path, wanted, required: tuple[str, ...] = ()) -> dict:
    """The bytes of the members `wanted` (names, or a test of a name) of the zip at
    `path`, after checking it is safe.

    Refuses a file that is not a zip, is larger than `MAX_FILE`, has member names
    that leave the package (absolute, `..`), too many members, members whose
    uncompressed size is too large or too many times their compressed size, or
    that lies about its sizes. Never extracts anything to disk.
    """
    import os

    try:
        size = os.path.getsize(path)
    except OSError as exc:
        raise UnsafePackage(f"cannot read the file: {exc.strerror}") from None
    if size > MAX_FILE:
        raise UnsafePackage(
            f"the file is {size // (1024 * 1024)} MB; a reviewed paper is "
            f"at most {MAX_FILE // (1024 * 1024)} MB"
        )
    try:
        archive = zipfile.ZipFile(path)
    except zipfile.BadZipFile:
        raise UnsafePackage("not a .docx (it is not a zip package)") from None
    except OSError as exc:
        raise UnsafePackage(f"cannot read the file: {exc.strerror}") from None
    with archive:
        infos = archive.infolist()
        if len(infos) > MAX_MEMBERS:
            raise UnsafePackage(f"the package has {len(infos)} parts; a .docx has a few dozen")
        total = 0
        names = set()
        for info in infos:
            name = info.filename
            if (
                name.startswith(("/", "\\"))
                or ".." in name.replace("\\", "/").split("/")
                or ":" in name
            ):
                raise UnsafePackage(f"the package holds a part outside it: {shown(name)}")
            if info.file_size > MAX_MEMBER or info.file_size > MAX_RATIO * max(
                info.compress_size, 1024
            ):
                raise UnsafePackage(
                    f"the part {name} would unpack to {info.file_size} bytes (a zip bomb?)"
                )
            total += info.file_size
            names.add(name)
        if total > MAX_TOTAL:
            raise UnsafePackage(f"the package would unpack to {total} bytes (a zip bomb?)")
        missing = [n for n in required if n not in names]
        if missing:
            raise UnsafePackage(f"not a Word document: it has no {missing[0]}")
        found = {}
        if callable(wanted):  # a test of the name: every member that passes it
            wanted = tuple(sorted(n for n in names if wanted(n)))
        for name in wanted:
            if name not in names:
                continue
            info = archive.getinfo(name)
            try:
                with archive.open(info) as fh:
                    data = fh.read(info.file_size + 1)
            except (
                zipfile.BadZipFile,
                OSError,
                EOFError,
                ValueError,
                NotImplementedError,
                RuntimeError,
            ) as exc:  # encrypted or Deflate64 parts included
                why = (
                    "is encrypted (password protected)"
                    if "encrypt" in str(exc)
                    else "uses a compression Word does not write"
                    if isinstance(exc, NotImplementedError)
                    else "is corrupt"
                )
                raise UnsafePackage(f"the part {name} {why}") from None
            if len(data) > info.file_size:
                raise UnsafePackage(f"the part {name} is larger than the package says")
            found[name] = data
        return found
