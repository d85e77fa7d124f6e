"""`boardpaper preview`: the paper's web page in a browser, rebuilt on every save.

As `quarto preview` does: the page `build --html` writes (writers/html.py) and the
files it links are served on a local HTTP server (the standard library's, in a thread;
127.0.0.1 unless `--host` says otherwise), the paper's files are watched as `watch`
watches them (`watch.watched_files`), and the open page refreshes itself after each
build: a small script, added to the preview's copy of the page only, asks
`/__version` twice a second and reloads when it moved. The published page is not
changed by a byte.

A build that fails (a user error) shows its line `file:line:col: error: message` at the
top of the page in an alert region (role="alert"), above the last page that built;
once fixed, the page refreshes back to the paper. Builds run one at a time in the main
thread; saves made during a build are taken together by the next one, and a request
meanwhile is answered from the last build.

What is served: each build is made in a private temporary folder, read into memory and
the folder removed; a request names one of those files by its exact name (a request
path is untrusted: `..`, `/`, `\\`, `%`-encoded tricks, absolute forms and dot files
are refused, and nothing is ever read from disk), so no path outside the preview can
be reached, and there is no directory listing. On loopback the Host header must name
loopback too (a web page elsewhere cannot reach the preview by DNS rebinding).
"""

from __future__ import annotations

import mimetypes
import shutil
import signal
import socket
import socketserver
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from html import escape
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote

from . import fsutil, interrupts, pipeline
from .errors import EXIT_OK, BoardpaperError, Location
from .watch import differences, snapshot, watched_files

VERSION_PATH = "/__version"
POLL_MS = 500  # how often the page asks whether it changed
LOOPBACK = ("127.0.0.1", "localhost", "::1")

#: the script added to the preview's page only: reload when the version moved
SCRIPT = """<script>
(function () {
  var shown = "%s";
  function poll() {
    fetch("%s", {cache: "no-store"}).then(function (r) { return r.text(); }).then(
      function (now) {
        if (now.trim() !== shown) { window.location.reload(); } else { setTimeout(poll, %d); }
      },
      function () { setTimeout(poll, 2000); });
  }
  setTimeout(poll, %d);
})();
</script>
"""

ALERT_STYLE = (
    "border:4px solid #b10e1e;background:#fdecea;color:#1a1a1a;padding:0.5rem 1rem;"
    "margin:0 0 1.5rem;font-family:Arial,sans-serif"
)


@dataclass(frozen=True)
class Shown:
    """What the preview serves now: the last good build's files, the last error. Never
    changed, only replaced whole: a request reads one, however builds go meanwhile."""

    version: int = 0
    files: dict[str, bytes] = field(default_factory=dict)  # the last good build
    page: str = ""  # the name of the paper's web page among `files`
    error: str = ""  # the last build's error line, "" if it built
    built_at: str = ""  # when the last good build was made (HH:MM:SS)


class Preview:
    """The paper's builds and the answers to requests, shared by the server's threads."""

    def __init__(self, folder: Path, template: Path | None = None):
        self.folder = Path(folder)
        self.template = template
        self.lock = threading.Lock()
        self.name = self.folder.resolve().name  # the paper's name until it builds
        self.shown = Shown(page=f"{self.name}.html")
        self.cache: dict = {}  # the measure data, kept between builds (as `watch` does)
        self.previous = None  # the model of the last good build

    def rebuild(self) -> list[str]:
        """Build the paper once more; what the terminal is told."""
        staging = Path(tempfile.mkdtemp(prefix="boardpaper-preview-"))
        mark = len(fsutil.committed)
        started = time.perf_counter()
        try:
            built = pipeline.build(self.folder, staging, self.template, cache=self.cache, html=True)
            files = {path.name: path.read_bytes() for path in built.outputs}
        except BoardpaperError as exc:
            if interrupts.stopping:
                raise KeyboardInterrupt from None
            with self.lock:
                self.shown = replace(self.shown, version=self.shown.version + 1, error=exc.render())
            return [exc.render()]
        finally:
            del fsutil.committed[mark:]  # the preview's own files are no output of the user's
            shutil.rmtree(staging, ignore_errors=True)
        took = time.perf_counter() - started
        with self.lock:
            self.shown = Shown(
                self.shown.version + 1,
                files,
                f"{built.paper.name}.html",
                "",
                time.strftime("%H:%M:%S"),
            )
        lines = [f"built {built.paper.name} in {took:.2f} s"]
        lines += [f"  {line}" for line in differences(self.previous, built.paper)]
        self.previous = built.paper
        return lines

    def answer(self, target: str) -> tuple[int, str, bytes]:
        """Status, content type and body for a GET of the request target `target`."""
        name = requested(target)
        with self.lock:
            shown = self.shown
        if name == VERSION_PATH[1:]:
            return 200, "text/plain; charset=utf-8", str(shown.version).encode()
        if name == "" or (name is not None and name == shown.page):
            return 200, "text/html; charset=utf-8", page(shown, self.name).encode("utf-8")
        if name is None or name not in shown.files:
            return 404, "text/plain; charset=utf-8", b"not found\n"
        kind = mimetypes.guess_type(name)[0] or "application/octet-stream"
        if kind.startswith("text/"):
            kind += "; charset=utf-8"
        return 200, kind, shown.files[name]


def requested(target: str) -> str | None:
    """The file a request target names ("" for the page itself), or None for anything
    that is not one plain file name: `..`, a `/` or `\\` inside it (also %-encoded), an
    absolute form (`http://…`), a dot file, a NUL, a `%` left after decoding (double
    encoding), or bytes that are not UTF-8."""
    path = target.split("?", 1)[0].split("#", 1)[0]
    if not path.startswith("/") or path.startswith("//"):
        return None
    try:
        name = unquote(path[1:], errors="strict")
    except UnicodeDecodeError:
        return None
    if name == "__version":
        return name
    if name.startswith(".") or any(c in name for c in "/\\%\0") or len(name) > 255:
        return None
    if any(ord(c) < 0x20 or ord(c) == 0x7F for c in name):
        return None
    return name


def page(shown: Shown, name: str) -> str:
    """The preview's page: the paper's web page with the refreshing script, and above it
    the last build's error, if it failed."""
    script = SCRIPT % (shown.version, VERSION_PATH, POLL_MS, POLL_MS)
    good = shown.files.get(shown.page)
    if good is None:  # nothing has built yet
        title = "did not build" if shown.error else "is being built"
        body = _alert(shown, name) if shown.error else f"<p>Building {escape(name)}…</p>"
        return (
            '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
            '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            f"<title>Preview: {escape(name)} {title}</title>\n</head>\n<body>\n"
            f"<main>\n<h1>Preview of {escape(name)}</h1>\n{body}</main>\n"
            f"{script}</body>\n</html>\n"
        )
    text = good.decode("utf-8")
    if shown.error:
        opened = text.find(">", text.find("<body")) + 1
        text = text[:opened] + "\n" + _alert(shown, name) + text[opened:]
    closed = text.rfind("</body>")
    return text[:closed] + script + text[closed:]


def _alert(shown: Shown, name: str) -> str:
    """The error region: the error line(s), and what the page below is."""
    lines = "\n".join(escape(line, quote=False) for line in shown.error.splitlines())
    below = (
        f"The page below is the last that built (at {shown.built_at}); it is replaced as "
        "soon as the paper builds again."
        if shown.files
        else "This page shows the paper as soon as it builds."
    )
    return (
        f'<div role="alert" id="boardpaper-preview-error" style="{ALERT_STYLE}">\n'
        f"<p><strong>{escape(name)} did not build.</strong> {below}</p>\n"
        '<pre style="white-space:pre-wrap;overflow-wrap:anywhere;font-size:1rem;'
        f'font-weight:bold">{lines}</pre>\n</div>\n'
    )


class _Handler(BaseHTTPRequestHandler):
    """GET and HEAD of the preview's files; every other method is refused (501)."""

    def version_string(self) -> str:
        return "boardpaper-preview"

    def do_GET(self) -> None:
        self._reply(body=True)

    def do_HEAD(self) -> None:
        self._reply(body=False)

    def _reply(self, body: bool) -> None:
        server = self.server
        if not _host_allowed(self.headers.get("Host", ""), server.hosts):
            status, kind, data = 403, "text/plain; charset=utf-8", b"forbidden\n"
        else:
            status, kind, data = server.preview.answer(self.path)
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(data)))
        self.send_header("Cache-Control", "no-store")
        self.send_header("X-Content-Type-Options", "nosniff")
        self.send_header("Referrer-Policy", "no-referrer")
        self.send_header(
            "Content-Security-Policy",
            "default-src 'self' data:; style-src 'self' 'unsafe-inline'; "
            "script-src 'unsafe-inline'; frame-ancestors 'none'",
        )
        self.end_headers()
        if body:
            self.wfile.write(data)

    def log_message(self, format, *args) -> None:  # the page asks twice a second: quiet
        pass


def _host_allowed(header: str, hosts: frozenset[str] | None) -> bool:
    """On loopback, the Host a request names must be one of `hosts` (DNS rebinding);
    elsewhere (`hosts` None) any."""
    if hosts is None:
        return True
    host = header.strip().lower()
    if host.startswith("["):
        host = host[1 : host.find("]")] if "]" in host else ""
    else:
        host = host.rpartition(":")[0] if ":" in host else host
    return host in hosts


def _is_loopback(host: str) -> bool:
    if host.lower() == "localhost":
        return True
    try:
        import ipaddress

        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def serve(preview: Preview, host: str = "127.0.0.1", port: int = 0) -> ThreadingHTTPServer:
    """A server of `preview` on `host`:`port` (0: a free port), answering in a thread of
    its own; `shutdown()` and `server_close()` stop it."""

    class Server(ThreadingHTTPServer):
        address_family = socket.AF_INET6 if ":" in host else socket.AF_INET
        daemon_threads = True

        def server_bind(self) -> None:  # without http.server's name lookup (getfqdn)
            socketserver.TCPServer.server_bind(self)
            self.server_name, self.server_port = self.server_address[:2]

    try:
        server = Server((host, port), _Handler)
    except OSError as exc:
        where = "--host" if isinstance(exc, socket.gaierror) or exc.errno == 99 else "--port"
        raise BoardpaperError(
            f"cannot serve on {host} port {port}: {exc.strerror or exc}",
            Location(where),
            "give another --port (0 picks a free one)" if where == "--port" else None,
        ) from None
    server.preview = preview
    server.hosts = frozenset((*LOOPBACK, host.lower())) if _is_loopback(host) else None
    threading.Thread(
        target=server.serve_forever, kwargs={"poll_interval": 0.1}, daemon=True
    ).start()
    return server


def url(server: ThreadingHTTPServer) -> str:
    """The address of the preview's page."""
    host, port = server.server_address[:2]
    return f"http://[{host}]:{port}/" if ":" in host else f"http://{host}:{port}/"


def follow(
    preview: Preview,
    stop: threading.Event,
    say: Callable[[str], None],
    interval: float = 0.4,
) -> None:
    """Build now, then again after every save of the paper's files, until `stop` is set.
    Builds never overlap: saves made during one are taken together by the next."""
    seen: dict = {}
    while not stop.is_set():
        if interrupts.stopping:  # Ctrl-C, though a library swallowed its KeyboardInterrupt
            raise KeyboardInterrupt
        current = snapshot(watched_files(preview.folder, preview.template))
        if current != seen:
            seen = current  # what is built: a file saved during the build is seen next time
            for line in preview.rebuild():
                say(line)
        stop.wait(interval)


def run(
    folder: Path,
    host: str = "127.0.0.1",
    port: int = 0,
    template: Path | None = None,
    interval: float = 0.4,
    say: Callable[[str], None] | None = None,
) -> int:
    """The command: serve, say where (with `say`, else printed as it comes), build on
    every save until Ctrl-C (one line)."""
    say = say or (lambda line: print(line, flush=True))
    if not (Path(folder) / "paper.yaml").is_file():  # later errors show on the page
        raise BoardpaperError(
            "no paper.yaml in this folder",
            Location(str(folder)),
            "a paper is a folder holding paper.yaml",
        )
    preview = Preview(Path(folder), template)
    server = None
    try:
        server = serve(preview, host, port)
        say(f"previewing {folder} at {url(server)} (Ctrl-C to stop)")
        follow(preview, threading.Event(), say, interval)
    except KeyboardInterrupt:
        _stopped()
        say(f"stopped the preview of {folder}")
    finally:
        if server is not None:
            server.shutdown()
            server.server_close()
    return EXIT_OK


def _stopped() -> None:
    """The preview is stopping: a second Ctrl-C, or the one interrupts.py deferred while
    an import ran (`stopping` was seen first), is not another stop. The command line
    puts the handlers back when the run is over (`interrupts.restore`)."""
    if threading.current_thread() is threading.main_thread():
        signal.setitimer(signal.ITIMER_REAL, 0)
        for kind in (*interrupts.KINDS, signal.SIGALRM):
            signal.signal(kind, signal.SIG_IGN)
