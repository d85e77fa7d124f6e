"""`boardpaper preview`: the paper's web page served on loopback, rebuilt on every save,
refreshing itself in a real browser, errors shown on the page, nothing outside the
preview reachable. Every wait polls with a generous timeout: nothing sleeps a fixed time."""

from __future__ import annotations

import http.client
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from boardpaper import pipeline, preview
from boardpaper.cli import main

from .conftest import copy_content

WAIT = 120.0  # seconds: a build under load is slow, a failure is still reported
TITLE = "title: Performance Report – National"


def wait_for(what, timeout: float = WAIT, message: str = ""):
    """Poll `what()` until it gives something true; that value."""
    end = time.monotonic() + timeout
    while True:
        found = what()
        if found:
            return found
        if time.monotonic() > end:
            raise AssertionError(f"timed out waiting for {message or what}")
        time.sleep(0.05)


def get(port: int, target: str, method: str = "GET", headers=None) -> tuple[int, str, bytes]:
    """Status, content type and body of a request for the raw `target` (as sent)."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        conn.request(method, target, headers=headers or {})
        answer = conn.getresponse()
        return answer.status, answer.getheader("Content-Type", ""), answer.read()
    finally:
        conn.close()


def version(port: int) -> int:
    return int(get(port, "/__version")[2])


def save(path: Path, old: str, new: str) -> None:
    """Replace `old` by `new` in the file, saved at once (as editors save: a new file
    renamed over the old), so no build reads it half-written."""
    text = path.read_text(encoding="utf-8")
    assert old in text
    saving = path.with_name(f".{path.name}.saving")
    saving.write_text(text.replace(old, new, 1), encoding="utf-8")
    os.replace(saving, path)


class Running:
    """A preview serving in this process: its server in a thread, its builds in another."""

    def __init__(self, folder: Path, interval: float = 0.05):
        self.folder = folder
        self.said: list[str] = []
        self.preview = preview.Preview(folder)
        self.server = preview.serve(self.preview)
        self.port = self.server.server_address[1]
        self.stop = threading.Event()
        self.thread = threading.Thread(
            target=preview.follow, args=(self.preview, self.stop, self.said.append, interval)
        )
        self.thread.start()

    def page(self) -> str:
        return get(self.port, "/")[2].decode("utf-8")

    def close(self) -> None:
        self.stop.set()
        self.thread.join(WAIT)
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def paper(tmp_path) -> Path:
    return copy_content(tmp_path)


@pytest.fixture
def running(paper):
    run = Running(paper)
    wait_for(lambda: version(run.port) >= 1, message="the first build")
    yield run
    run.close()


def without_script(page: str) -> str:
    return re.sub(r"<script>\n.*?</script>\n", "", page, flags=re.S)


def test_serves_the_published_page_and_its_files_only_adding_the_script(running, tmp_path):
    built = pipeline.build(running.folder, tmp_path / "out", html=True)
    name = f"{running.folder.name}.html"
    published = (tmp_path / "out" / name).read_text(encoding="utf-8")
    assert "<script" not in published and "__version" not in published
    status, kind, body = get(running.port, f"/{name}")
    assert (status, kind) == (200, "text/html; charset=utf-8")
    served = body.decode("utf-8")
    assert served.count("<script>") == 1 and 'fetch("/__version"' in served
    assert without_script(served) == published  # the page itself is not changed
    assert running.page() == served
    for path in built.outputs:  # the files it links (appendices, data) as the build writes them
        if path.name == name:
            continue
        status, kind, body = get(running.port, f"/{path.name}")
        assert status == 200 and body == path.read_bytes(), path.name
    assert get(running.port, f"/{running.folder.name}-appendix-a.pdf")[1] == "application/pdf"
    status, _, body = get(running.port, f"/{name}", method="HEAD")
    assert status == 200 and body == b""


def test_every_file_the_page_links_is_served(paper):
    annual = paper.parent / "2021-09-annual-report"  # tables and charts: their data linked
    run = Running(annual)
    try:
        wait_for(lambda: version(run.port) >= 1, message="the first build")
        page = run.page()
        assert 'role="alert"' not in page, run.said
        links = re.findall(r'(?:href|src)="(?!https?:|#|mailto:)([^"]+)"', page)
        assert any(link.endswith(".csv") for link in links) and any(".ods" in x for x in links)
        for link in links:
            status, _, body = get(run.port, f"/{link}")
            assert status == 200 and body, link
        assert get(run.port, f"/{annual.name}-data.ods")[1].startswith(
            "application/vnd.oasis.opendocument.spreadsheet"
        )
    finally:
        run.close()


def test_a_save_rebuilds_and_moves_the_version(running):
    before = version(running.port)
    save(running.folder / "paper.yaml", TITLE, "title: Previewed Report – National")
    wait_for(lambda: "Previewed Report" in running.page(), message="the rebuilt page")
    assert version(running.port) > before
    assert any(line.startswith(f"built {running.folder.name} in ") for line in running.said)


def test_an_error_shows_on_the_page_above_the_last_good_one_until_fixed(running):
    yaml = running.folder / "paper.yaml"
    save(yaml, "\ncover:", "\ncovr:")
    page = wait_for(lambda: 'role="alert"' in (p := running.page()) and p, message="the alert")
    alert = re.search(r'<div role="alert".*?</div>', page, re.S).group(0)
    assert f"{yaml}:6:1: error: unknown key 'covr'" in alert  # the line as the terminal has it
    assert page.index('role="alert"') < page.index("<h1>")  # above the paper
    assert "Performance Report – National" in page  # the last good page is still there
    wait_for(
        lambda: any(": error: unknown key 'covr'" in line for line in running.said),
        message="the error in the terminal",
    )
    save(yaml, "\ncovr:", "\ncover:")
    page = wait_for(lambda: 'role="alert"' not in (p := running.page()) and p, message="fixed")
    assert "Performance Report – National" in page


def test_an_error_before_any_good_build_shows_the_error_alone(paper):
    save(paper / "paper.yaml", "\ncover:", "\ncovr:")
    run = Running(paper)
    try:
        page = wait_for(lambda: 'role="alert"' in (p := run.page()) and p, message="the alert")
        assert "unknown key 'covr'" in page and '<html lang="en">' in page
        assert get(run.port, f"/{paper.name}.docx")[0] == 404  # nothing has built
    finally:
        run.close()


TRAVERSALS = [
    "/../paper.yaml",
    "/../../../../etc/passwd",
    "/..%2fpaper.yaml",
    "/%2e%2e/%2e%2e/etc/passwd",
    "/%2E%2E%2Fpaper.yaml",
    "/%252e%252e%252fpaper.yaml",  # encoded twice
    "/..%5cpaper.yaml",
    "/..\\paper.yaml",
    "//etc/passwd",
    "/etc/passwd",
    "/%2fetc%2fpasswd",
    "http://127.0.0.1/../paper.yaml",
    "/paper.yaml",  # the paper's own files are not the preview's
    "/measures.yaml",
    "/.git",
    "/data/",
    "/%00",
    "/%ff%fe",
    "*",
]


def test_nothing_outside_the_preview_is_served(running):
    for target in TRAVERSALS:
        status, _, body = get(running.port, target)
        assert status in (400, 403, 404), (target, status)
        assert b"passwd" not in body and b"cover:" not in body, target


def test_the_preview_folder_is_not_listed_and_links_in_the_paper_folder_are_not_followed(running):
    (running.folder / "linked.html").symlink_to("/etc/passwd")
    assert get(running.port, "/linked.html")[0] == 404
    assert get(running.port, "/?dir")[2] == get(running.port, "/")[2]  # the page, no listing
    assert get(running.port, "/", method="POST")[0] == 501


def test_a_page_elsewhere_cannot_reach_it_by_another_host_name(running):
    for host in ("evil.example", "evil.example:80", "127.0.0.1.evil.example", "[::2]:80", ""):
        assert get(running.port, "/", headers={"Host": host})[0] == 403, host
    assert get(running.port, "/", headers={"Host": f"localhost:{running.port}"})[0] == 200


def test_requested_names_one_plain_file():
    assert preview.requested("/") == ""
    assert preview.requested("/a-appendix-a.pdf?x=1#y") == "a-appendix-a.pdf"
    assert preview.requested("/my%20paper.html") == "my paper.html"
    for bad in ("/a/b", "/..", "/%2e%2e%2fx", "/a%255c", "//x", "x", "/.x", "/a%0a"):
        assert preview.requested(bad) is None, bad


def test_builds_do_not_overlap_saves_are_taken_together_and_requests_get_the_last_page(
    paper, monkeypatch
):
    real, entered, release = pipeline.build, threading.Event(), threading.Event()
    calls, inside, most = [], [], []

    def build(*args, **kwargs):
        calls.append(1)
        inside.append(1)
        most.append(len(inside))
        try:
            built = real(*args, **kwargs)
            if len(calls) == 2:  # the second build, made, waits until the test has saved
                entered.set()
                assert release.wait(WAIT)
            return built
        finally:
            inside.pop()

    monkeypatch.setattr(preview.pipeline, "build", build)
    run = Running(paper)
    try:
        wait_for(lambda: version(run.port) >= 1, message="the first build")
        yaml = paper / "paper.yaml"
        save(yaml, TITLE, "title: A – National")
        assert entered.wait(WAIT)
        for title in ("AB", "ABC", "ABCD", "Saved last"):  # saved during the second build
            save(yaml, yaml.read_text(encoding="utf-8").split("title: ")[1].split(" –")[0], title)
            page = run.page()  # answered now, from the last good build
            assert "Performance Report – National" in page and version(run.port) == 1
        release.set()
        wait_for(lambda: "Saved last – National" in run.page(), message="the last save")
    finally:
        release.set()
        run.close()
    assert max(most) == 1  # never two builds at once
    assert len(calls) == 3  # the first, the one held, one more for the four saves


def test_the_port_and_host_are_checked_where_typed(capsys, paper):
    assert main(["preview", str(paper), "--port", "70000"]) == 2
    assert main(["preview", str(paper), "--host", "a b"]) == 2
    taken = socket.socket()
    taken.bind(("127.0.0.1", 0))
    taken.listen()
    try:
        port = taken.getsockname()[1]
        assert main(["preview", str(paper), "--port", str(port)]) == 2
    finally:
        taken.close()
    assert main(["preview", str(paper.parent / "nowhere")]) == 2
    lines = capsys.readouterr().err.splitlines()
    assert len(lines) == 4
    assert lines[3].startswith(f"{paper.parent / 'nowhere'}: error: no paper.yaml in this folder")
    assert lines[0].startswith("--port: error: '70000' is not a whole number from 0 to 65535")
    assert lines[1].startswith("--host: error: 'a b' is not a host name")
    assert lines[2].startswith(f"--port: error: cannot serve on 127.0.0.1 port {port}: ")


def test_the_command_says_where_and_stops_on_ctrl_c_with_one_line(paper):
    process = subprocess.Popen(
        [sys.executable, "-m", "boardpaper", "preview", str(paper), "--port", "0"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    try:
        first = process.stdout.readline()
        found = re.fullmatch(
            r"previewing .* at http://127\.0\.0\.1:(\d+)/ \(Ctrl-C to stop\)\n", first
        )
        assert found, first
        port = int(found.group(1))
        wait_for(lambda: version(port) >= 1, message="the first build")
        process.send_signal(signal.SIGINT)
        out, err = process.communicate(timeout=WAIT)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    assert process.returncode == 0, err
    assert err == ""
    assert out.splitlines()[-1] == f"stopped the preview of {paper}"


@pytest.fixture(scope="module")
def browser():
    """Headless Chromium through selenium (as tests/writers/test_html.py drives it)."""
    chromium, driver = shutil.which("chromium"), shutil.which("chromedriver")
    if not (chromium and driver):
        if os.environ.get("CI"):
            pytest.fail("chromium or chromedriver missing: `make test` installs them")
        pytest.skip("chromium or chromedriver (make test installs them) is missing")
    from selenium import webdriver
    from selenium.webdriver.chrome.options import Options
    from selenium.webdriver.chrome.service import Service

    options = Options()
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"):
        options.add_argument(flag)
    for flag in ("--no-first-run", "--disable-background-networking", "--disable-sync"):
        options.add_argument(flag)
    options.binary_location = chromium
    session = webdriver.Chrome(service=Service(driver), options=options)
    yield session
    session.quit()


def test_the_open_page_refreshes_itself_after_a_save_and_shows_an_error(running, browser):
    from selenium.common.exceptions import StaleElementReferenceException, WebDriverException
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    def read(find):
        """`find()`, or None while the page is being replaced by its reload (an element
        found in the old page, read in the new: Chromium says it is stale, or that its
        node "does not belong to the document")."""
        try:
            return find()
        except StaleElementReferenceException:
            return None
        except WebDriverException as exc:
            if "does not belong to the document" in str(exc):
                return None
            raise

    def h1(driver) -> str:
        return read(lambda: driver.find_element(By.TAG_NAME, "h1").text) or ""

    def alert(driver) -> str:
        def text():
            found = driver.find_elements(By.CSS_SELECTOR, '[role="alert"]')
            return found[0].text if found else ""

        return read(text) or ""

    browser.get(f"http://127.0.0.1:{running.port}/")
    assert h1(browser).startswith("Performance Report")
    browser.execute_script("window.notReloaded = true;")
    yaml = running.folder / "paper.yaml"
    save(yaml, TITLE, "title: Seen in the browser – National")
    # the page may reload between finding an element and reading it: look again
    until = WebDriverWait(
        browser, WAIT, poll_frequency=0.1, ignored_exceptions=(StaleElementReferenceException,)
    ).until
    until(lambda d: h1(d).startswith("Seen in the browser"), "the page did not refresh")
    assert browser.execute_script("return window.notReloaded === undefined;")  # by itself
    save(yaml, "\ncover:", "\ncovr:")
    error = "paper.yaml:6:1: error: unknown key 'covr'"
    # the error above, the last good page below it
    until(lambda d: error in alert(d) and h1(d).startswith("Seen"), "no alert after the error")
    save(yaml, "\ncovr:", "\ncover:")
    until(lambda d: not alert(d) and h1(d).startswith("Seen"), "the alert stayed")
