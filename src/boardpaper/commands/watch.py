"""`boardpaper watch` and `preview`: a paper rebuilt on every save, as a Word file
or as its web page in the browser."""

from __future__ import annotations

from pathlib import Path

from ..arguments import host, number, output, template
from ..errors import EXIT_OK
from . import Command


def _watch(args) -> int:
    """rebuild a paper on every save

    Build PAPER, then rebuild it whenever paper.yaml, its measures, data, framework
    or template is saved, and say which paragraphs and figures changed. Stop with
    Ctrl-C."""
    import threading

    from ..watch import watch

    stop = threading.Event()
    print(f"watching {args.paper} (Ctrl-C to stop)", flush=True)
    try:
        watch(
            args.paper,
            args.output,
            lambda line: print(line, flush=True),
            stop,
            args.template,
            args.interval,
        )
    except KeyboardInterrupt:
        print()
    return EXIT_OK


def _preview(args) -> int:
    """show a paper's web page in the browser, refreshed on every save

    Serve PAPER's web page (as build --html makes it) on this computer, rebuild it
    whenever paper.yaml, its measures, data, framework or template is saved, and
    refresh the open page; a build's error shows on the page. Stop with Ctrl-C."""
    from .. import preview

    return preview.run(args.paper, args.host, args.port, args.template)


def _watch_arguments(parser) -> None:
    parser.add_argument("paper", type=Path, metavar="PAPER")
    output(parser)
    template(parser)
    parser.add_argument(
        "--interval",
        type=number(float, 0.05, 3600, "of seconds"),
        default=0.4,
        metavar="SECONDS",
        help="how often to look for saved files (default: 0.4; 0.05 to 3600)",
    )


WATCH = Command.of("watch", _watch, _watch_arguments)


def _preview_arguments(parser) -> None:
    parser.add_argument("paper", type=Path, metavar="PAPER")
    parser.add_argument(
        "--port",
        type=number(int, 0, 65535),
        default=0,
        metavar="N",
        help="the port to serve on (default 0: a free one, printed)",
    )
    parser.add_argument(
        "--host",
        type=host,
        default="127.0.0.1",
        help="the address to serve on (default 127.0.0.1: this computer only)",
    )
    template(parser)


PREVIEW = Command.of("preview", _preview, _preview_arguments)

COMMANDS = (
    WATCH,
    PREVIEW,
)
