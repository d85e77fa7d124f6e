"""The commands, one module each (a few small ones together): each says its help, adds
its arguments to its parser and runs. `arguments.parser()` asks every module here for
its `COMMANDS`; `cli.main` runs the one named. A new command is
`Command.of(name, run, arguments)` in a module listed in `MODULES`; its help is the
docstring of `run` (the first line, then the description).

Modules here import only what parsing needs; what a command runs is imported when it
runs, so `boardpaper --help` and a plain build import no more than they use."""

from __future__ import annotations

import inspect
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

    @classmethod
    def of(cls, name: str, run: Callable, arguments: Callable) -> Command:
        """The command `name` that `run` runs: its docstring's first line is its help,
        the rest its description."""
        line, _, rest = inspect.cleandoc(run.__doc__ or "").partition("\n\n")
        return cls(name, line.strip(), " ".join(rest.split()), arguments, run)


#: the modules of the commands, in the order `boardpaper --help` lists them
MODULES = ("build", "redline", "review", "new", "watch", "check", "meeting", "reference")


def commands() -> dict[str, Command]:
    """Every command by name, in the order of `MODULES`."""
    found: dict[str, Command] = {}
    for name in MODULES:
        for command in import_module(f".{name}", __name__).COMMANDS:
            found[command.name] = command
    return found
