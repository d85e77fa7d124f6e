"""The .docx package as bytes: a deterministic zip.

python-docx stamps every zip member with the current time. These helpers write
members in a given order with a fixed date and fixed permissions, so the same
paper gives the same bytes.
"""
from __future__ import annotations

import io
import zipfile

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
