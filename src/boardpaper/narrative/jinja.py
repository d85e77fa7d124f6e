"""Placeholders: `{{ expression }}` evaluated in a sandbox with strict undefined.

Each expression is compiled once by Jinja's `SandboxedEnvironment`, which
refuses internals (`__class__`, `__globals__`, `mro`, any `_name`) and has no
access to files or the environment. The result must be a figure that prints:
never "None", "nan" or an empty string. Every error names the file, line and
column of the placeholder, the paragraph id and the expression.
"""

from __future__ import annotations

import re

import jinja2

from ..errors import DataError, TemplateError, bounded, did_you_mean
from ..measures.compute import MissingMonths, NoData
from ..measures.registry import (
    Checked,
    Comparison,
    Figures,
    Measures,
    MeasureView,
    Phrase,
    UnknownName,
    Value,
    WindowView,
)
from ..measures.windows import month_text
from ..sandbox import LONGEST_TEXT, Refused, Sandbox
from . import model as m
from .traced import traced

OURS = (Value, Phrase, Comparison, MeasureView, WindowView)
PRINTABLE = (*OURS, str, int, float)


def _dp(value, places: int):
    if not hasattr(value, "dp"):
        raise TypeError("dp() applies to a figure")
    return value.dp(places)


def _words(value):
    return value.words


def _restyle(change):
    """A case filter that keeps a figure's or phrase's provenance."""

    def apply(value):
        if isinstance(value, OURS):
            return Phrase(
                change(str(value)),
                value.provenance,
                value.window if isinstance(value, (Phrase, WindowView)) else None,
                getattr(value, "direction", "") or "",
            )
        return change(str(value))

    return apply


class _Env(Sandbox):
    """The sandbox of placeholders: attributes only of our own values (with their
    did-you-mean errors), no [ ], and a value is not called."""

    def getattr(self, obj, attribute):
        if isinstance(obj, (*OURS, Measures)) and not attribute.startswith("_"):
            return getattr(obj, attribute)  # UnknownName carries a did-you-mean
        if isinstance(obj, jinja2.Undefined):
            return super().getattr(obj, attribute)  # reported as an unknown name
        raise TypeError(
            f"'{attribute}' cannot be looked up here: placeholders name m, "
            "period and baseline, and their fields"
        )

    def call(__self, __context, __obj, *args, **kwargs):  # jinja's own signature
        if isinstance(__obj, Checked):  # a value, not a field that takes arguments
            raise TypeError(
                f"{__obj.WHAT} ({bounded(str(__obj), 40)}) takes no ( ): write it without brackets"
            )
        return super().call(__context, __obj, *args, **kwargs)

    def getitem(self, obj, argument):
        raise TypeError("placeholders take no [ ]: name a field, like m.homicide.baseline")


def environment() -> Sandbox:
    return _Env(
        longest=LONGEST_TEXT,
        autoescape=False,
        filters={
            "dp": _dp,
            "words": _words,
            "upper": _restyle(str.upper),
            "lower": _restyle(str.lower),
            "capitalize": _restyle(lambda s: s[:1].upper() + s[1:]),
        },
    )


_ENV = environment()
_COMPILED: dict[str, object] = {}  # expression → compiled, kept across builds (watch)


class Resolver:
    """Evaluates a paper's placeholders against its figures."""

    def __init__(self, figures: Figures):
        self.figures = figures
        self.context = figures.context()
        self.done: dict[str, m.Figure] = {}

    def resolve(self, expression: str, where, para_id: str | None) -> m.Figure:
        """The figure of one placeholder; `where` is its Location, or a function giving it.

        A placeholder depends only on the data, so each expression is evaluated once a
        build (an error is raised each time, with the place it stands).
        """
        if expression not in self.done:
            self.done[expression] = self._resolve(expression, where, para_id)
        return self.done[expression]

    def _resolve(self, expression: str, where, para_id: str | None) -> m.Figure:
        shown = f"{{{{ {expression} }}}}"
        in_para = f" in paragraph '{para_id}'" if para_id else ""

        def fail(message: str, hint: str | None = None, kind=TemplateError):
            return kind(f"{shown}{in_para}: {message}", where() if callable(where) else where, hint)

        def unknown(name: str):
            return fail(
                f"unknown name '{name}'",
                did_you_mean(name, self.context, "names are m (the measures), period and baseline"),
            )

        try:
            with _ENV.fresh():
                result = self._compile(expression)(**self.context)
            if isinstance(result, jinja2.Undefined):
                raise unknown(str(result._undefined_name))
            text = str(result) if isinstance(result, PRINTABLE) else None
        except jinja2.TemplateSyntaxError as exc:
            unknown_filter = re.search(r"No filter named '([^']*)'", exc.message or "")
            if unknown_filter:
                name = unknown_filter.group(1)
                raise fail(
                    f"there is no filter '{name}'",
                    did_you_mean(name, _ENV.filters, f"filters: {', '.join(sorted(_ENV.filters))}"),
                ) from None
            raise fail(f"not a valid expression ({exc.message})") from None
        except jinja2.UndefinedError as exc:
            raise unknown(
                str(exc.message).split("'")[1] if "'" in str(exc.message) else str(exc.message)
            ) from None
        except UnknownName as exc:
            raise fail(str(exc), exc.hint) from None
        except jinja2.exceptions.SecurityError as exc:
            raise fail(f"not allowed: {exc}") from None
        except MissingMonths as exc:
            error = fail(str(exc), "add the months to the data, or name another window", DataError)
            error.missing = tuple(month_text(n) for n in exc.missing)
            raise error from None
        except NoData as exc:
            raise fail(str(exc), None, DataError) from None
        except ZeroDivisionError as exc:
            raise fail(str(exc)) from None
        except (TypeError, ValueError, Refused, ArithmeticError) as exc:
            raise fail(str(exc)) from None
        if text is None:
            raise fail(
                f"gives {type(result).__name__}, not a figure",
                "a placeholder ends in a figure or phrase, like m.homicide or "
                "m.homicide.vs_baseline (see docs/authoring.md)",
            )
        if not isinstance(result, OURS):
            raise fail(
                f"gives the typed value '{bounded(text, 40)}', not a figure computed from the data",
                "write it in the text itself, or name a measure",
            )
        if not text.strip() or text.strip().lower() in ("none", "nan", "inf", "-inf"):
            raise fail(f"gives '{text}', which cannot stand in a paper")
        return traced(result, expression, text)

    def _compile(self, expression: str):
        if expression not in _COMPILED:
            _COMPILED[expression] = _ENV.compile_expression(expression, undefined_to_none=False)
        return _COMPILED[expression]
