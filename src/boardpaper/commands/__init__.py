"""The commands, one module each (a few small ones together): each says its help, adds
its arguments to its parser and runs. `arguments.parser()` asks every module here for
its `COMMANDS`; `cli.main` runs the one named. A new command is a `Command` in a module
listed in `MODULES`.

Modules here import only what parsing needs; what a command runs is imported when it
runs, so `boardpaper --help` and a plain build import no more than they use."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from importlib import import_module


@dataclass(frozen=True)
class Command:
    name: str
    help: str  # its line in `boardpaper --help`
    description: str  # the description of its own --help
    arguments: Callable  # (its argparse parser) → None: adds its arguments
    run: Callable  # (the parsed arguments) → exit status


#: the modules of the commands, in the order `boardpaper --help` lists them
MODULES = ("build", "redline", "review", "new", "watch", "check", "meeting", "reference")


def commands() -> dict[str, Command]:
    """Every command by name, in the order of `MODULES`."""
    found: dict[str, Command] = {}
    for name in MODULES:
        for command in import_module(f".{name}", __name__).COMMANDS:
            found[command.name] = command
    return found
