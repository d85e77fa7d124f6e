"""A SQL source against a real PostgreSQL server, which this module starts: a throwaway
cluster (initdb) in a temporary folder, listening on a unix socket there only, run as the
`postgres` user (postgres refuses root), stopped at the end. Skipped where postgresql is
not installed, but never in CI (`CI` set): there it fails."""

from __future__ import annotations

import glob
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest

from boardpaper import pipeline
from boardpaper.errors import BoardpaperError

from .test_sql import EXAMPLE, ROOT


def _as_postgres(*command: str) -> list[str]:
    if os.geteuid() != 0:
        return list(command)
    return ["runuser", "-u", "postgres", "--", *command]


@pytest.fixture(scope="session")
def postgres():
    """The socket folder of a running server with a database `board` (table figures)."""
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    if not found:
        if os.environ.get("CI"):
            pytest.fail("postgresql is not installed (make system-deps installs it)")
        pytest.skip("postgresql is not installed (apt-get install postgresql)")
    bin_ = Path(found[-1]).parent
    home = Path(tempfile.mkdtemp(prefix="boardpaper-pg-"))
    if os.geteuid() == 0:
        shutil.chown(home, "postgres", "postgres")
    data, log = home / "data", home / "log"
    run = lambda *c: subprocess.run(_as_postgres(*c), check=True, capture_output=True)  # noqa: E731
    run(str(bin_ / "initdb"), "-D", str(data), "-U", "board", "--auth=trust", "-E", "UTF8")
    run(
        str(bin_ / "pg_ctl"), "-D", str(data), "-l", str(log), "-w", "-o",
        f"-c listen_addresses='' -c unix_socket_directories='{home}' -k {home}", "start",
    )  # fmt: skip
    try:
        run(str(bin_ / "createdb"), "-h", str(home), "-U", "board", "board")
        rows = (EXAMPLE / "data" / "measures.csv").read_text()
        sql = (
            "CREATE TABLE figures (name text, month text, amount numeric);"
            "COPY figures FROM STDIN WITH (FORMAT csv, HEADER true);"
        )
        subprocess.run(
            _as_postgres(str(bin_ / "psql"), "-h", str(home), "-U", "board", "-d", "board",
                         "-v", "ON_ERROR_STOP=1", "-c", sql.split(";")[0], "-c",
                         sql.split(";")[1], "-c", "CREATE SEQUENCE s"),
            input=rows.encode(), check=True, capture_output=True,
        )  # fmt: skip
        yield home
    finally:
        run(str(bin_ / "pg_ctl"), "-D", str(data), "-m", "immediate", "stop")
        shutil.rmtree(home, ignore_errors=True)


def _paper(tmp_path: Path, socket: Path, query: str) -> Path:
    shutil.copytree(ROOT / "content" / "shared", tmp_path / "shared")
    folder = tmp_path / EXAMPLE.name
    shutil.copytree(EXAMPLE, folder)
    (folder / "data" / "measures.csv").unlink()
    text = (folder / "paper.yaml").read_text()
    source = (
        "  files: [data/surveys.xlsx]\n  sources:\n"
        f"    - sql: postgresql://board@/board?host={socket}\n"
        f"      query: {query}\n"
    )
    (folder / "paper.yaml").write_text(
        text.replace("data:\n  illustrative: yes", "data:\n  illustrative: yes\n" + source)
    )
    return folder


QUERY = "SELECT name AS measure, month AS period, amount AS value FROM figures"


def test_a_paper_builds_from_postgresql(tmp_path, postgres):
    folder = _paper(tmp_path, postgres, QUERY)
    assert pipeline.measures_table(folder, as_csv=True) == pipeline.measures_table(
        EXAMPLE, as_csv=True
    )
    pipeline.build(folder, tmp_path / "out")
    audit = (tmp_path / "out" / f"{EXAMPLE.name}.figures.csv").read_text()
    assert f"{EXAMPLE.name}.sql-1.csv sha256:" in audit


def test_the_build_works_again_from_its_snapshot_with_the_server_gone(tmp_path, postgres):
    """The URL's socket folder is a link to the server's: once the link is gone, the
    server is unreachable at that URL, and the snapshot gives the same figures."""
    link = tmp_path / "socket"
    link.symlink_to(postgres, target_is_directory=True)
    folder = _paper(tmp_path, link, QUERY)
    out = tmp_path / "out"
    pipeline.build(folder, out)
    audit = (out / f"{EXAMPLE.name}.figures.csv").read_bytes()
    about = (out / f"{EXAMPLE.name}.sql-1.json").read_text()
    assert "postgresql:///board?host=" in about and "board@" not in about  # no user
    link.unlink()
    with pytest.raises(BoardpaperError, match="cannot reach the database") as err:
        pipeline.build(folder, out)
    assert "paper.yaml:23:" in err.value.render() and "--from-snapshot" in err.value.render()
    pipeline.build(folder, out, from_snapshot=True)
    assert (out / f"{EXAMPLE.name}.figures.csv").read_bytes() == audit


def test_the_transaction_is_read_only(tmp_path, postgres):
    """A function that writes, called from a SELECT, is refused by the server."""
    folder = _paper(
        tmp_path, postgres, "SELECT nextval('s') AS value, 'x' AS measure, '2022-01' AS period"
    )
    with pytest.raises(BoardpaperError, match="read-only transaction") as err:
        pipeline.measures_table(folder)
    assert "paper.yaml:24:" in err.value.render()
