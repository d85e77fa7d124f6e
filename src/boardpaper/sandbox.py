"""The one Jinja sandbox: placeholders in paper.yaml and the fields of a Word template.

Both are text from outside (an author's YAML, a template anyone may pass with
`--template`), so both run in `Sandbox`, with the same limits:

- **No files.** There is no loader: `{% include %}`, `{% import %}`,
  `{% from %}` and `{% extends %}` are refused by name when the text is compiled.
- **No recursion.** `{% macro %}`, `{% call %}` and recursive loops are refused by
  name; every call is counted and nested at most `DEEPEST` deep besides.
- **Bounded arithmetic.** `+ - * / // % **` work on plain numbers only (no
  `'x' * 10**9`, no `'%999d' % 1`); a power's exponent is at most 64 and no result
  exceeds `LARGEST`.
- **Bounded strings.** Every string a call, filter or `~` makes is at most
  `longest` characters (`LONGEST_TEXT` for placeholders); a rendered template at
  most `LONGEST_OUTPUT`.
- **Bounded work.** Each loop iteration costs `ITERATION_COST`, the text its body
  writes and `NODE_COST` for each node of its body; each call and filter
  `NODE_COST`, each `~` the length it makes; a render may spend `WORK`. Nested loops over long
  lists end in one error, not an hour of work.
- **No globals, few filters.** `range`, `lipsum`, `cycler`, `dict`, `namespace`
  do not exist; filters are a short list that cannot make a string longer than
  their input by more than a bounded amount (no `center`, `indent`, `format`,
  `replace`, `wordwrap`, `batch`, `safe`), and `{% autoescape %}` cannot be
  switched off.
- **No constant folding**: nothing of the text is evaluated before it is run
  within these limits.

What an expression may look up is each use's own rule (`lookup`, `index`):
placeholders see only the measures' values (narrative/jinja.py); a template sees
its context's fields and the items of its lists (writers/docx/template.py,
meeting.py). Every limit raises `Refused`, whose message says what was refused;
`render_errors` lists every other exception a render can end in, for the callers
to turn into one error line.
"""

from __future__ import annotations

import contextlib
import contextvars
from collections.abc import Mapping, Sequence

import jinja2
from jinja2 import nodes
from jinja2.compiler import CodeGenerator
from jinja2.defaults import DEFAULT_FILTERS
from jinja2.environment import Template
from jinja2.runtime import LoopContext, markup_join, str_join
from jinja2.sandbox import SandboxedEnvironment

LARGEST = 10**15  # the largest number an expression may make: no figure of a paper is near
LONGEST_TEXT = 1000  # characters of a string a placeholder may make
LONGEST_FIELD = 20_000  # characters of a string a template's field may make
LONGEST_OUTPUT = 200 * 1024 * 1024  # characters of a rendered template part
WORK = 50_000_000  # a render's budget: characters written by loops, and nodes run
NODE_COST = 1000  # what each node of a loop's body costs an iteration …
ITERATION_COST = 100  # … besides this, and the characters of text it writes
DEEPEST = 32  # calls within calls

#: Statements that would read another file, run recursively or switch escaping off.
REFUSED = {
    nodes.Include: "{% include %} would read another file",
    nodes.Import: "{% import %} would read another file",
    nodes.FromImport: "{% from … import %} would read another file",
    nodes.Extends: "{% extends %} would read another file",
    nodes.Macro: "{% macro %} is not allowed (it can call itself without end)",
    nodes.CallBlock: "{% call %} is not allowed (it calls a macro)",
    nodes.EvalContextModifier: "{% autoescape %} cannot be changed",
    nodes.ScopedEvalContextModifier: "{% autoescape %} cannot be changed",
}
#: Jinja's filters a template may use: none makes a string much longer than its input.
TEMPLATE_FILTERS = [
    "abs",
    "capitalize",
    "count",
    "d",
    "default",
    "e",
    "escape",
    "first",
    "float",
    "int",
    "join",
    "last",
    "length",
    "list",
    "lower",
    "max",
    "min",
    "reverse",
    "round",
    "sort",
    "string",
    "striptags",
    "sum",
    "title",
    "trim",
    "unique",
    "upper",
    "wordcount",
]


class Refused(Exception):
    """An expression or template went past a limit of the sandbox."""


#: every exception a render can end in that is the text's fault, not the program's
render_errors = (
    Refused,
    jinja2.TemplateError,  # syntax, undefined names, the sandbox's SecurityError
    ArithmeticError,  # 1/0, overflow
    TypeError,
    ValueError,
    LookupError,
    RecursionError,
)


class _Budget:
    def __init__(self):
        self.work = WORK
        self.depth = 0

    def spend(self, amount: int) -> None:
        self.work -= amount
        if self.work < 0:
            raise Refused(
                "the loops do too much work (nested loops over long lists?); "
                f"a render may write about {WORK:,} characters"
            )


_BUDGET: contextvars.ContextVar[_Budget] = contextvars.ContextVar("sandbox_budget")


class _Generator(CodeGenerator):
    """Jinja's compiler, refusing REFUSED statements and routing loops and `~`
    through the budget."""

    def visit_Template(self, node, frame=None):
        # one walk of the tree finds both (a walk a kind took a tenth of a cold build's
        # time in placeholders); each kind is still reported in REFUSED's order
        found = list(node.find_all((*REFUSED, nodes.For)))
        for kind, why in REFUSED.items():
            for hit in found:
                if isinstance(hit, kind):
                    self.fail(f"{why}; it is refused here", hit.lineno)
        for loop in (hit for hit in found if isinstance(hit, nodes.For)):
            if loop.recursive:
                self.fail("a recursive loop is not allowed", loop.lineno)
            body = [*loop.body, *loop.else_]
            weight = sum(
                len(data.data) for n in body for data in n.find_all(nodes.TemplateData)
            ) + NODE_COST * sum(1 for n in body for _ in n.find_all(nodes.Node))
            loop.iter = nodes.Call(
                nodes.EnvironmentAttribute("bounded_loop"),
                [loop.iter, nodes.Const(weight + ITERATION_COST)],
                [],
                None,
                None,
                lineno=loop.lineno,
            )
        super().visit_Template(node, frame)

    def visit_Concat(self, node, frame):
        self.write("environment.bounded_join((")
        for arg in node.nodes:
            self.visit(arg, frame)
            self.write(", ")
        self.write("), context.eval_ctx.autoescape)")


class _Template(Template):
    def render(self, *args, **kwargs):
        with self.environment.fresh():
            return super().render(*args, **kwargs)


class Sandbox(SandboxedEnvironment):
    """Jinja's sandbox within the limits above; `longest`: the longest string made."""

    code_generator_class = _Generator
    template_class = _Template
    intercepted_binops = frozenset(["**", "*", "%", "+", "//", "/", "-"])

    def __init__(self, *, longest: int, filters: dict, tests: dict | None = None, **options):
        super().__init__(undefined=jinja2.StrictUndefined, optimized=False, **options)
        self.longest = longest
        self.filters = {name: self._bounded_filter(f) for name, f in filters.items()}
        self.tests = dict(tests or {})
        self.globals = {}

    @contextlib.contextmanager
    def fresh(self):
        """A new budget for one render or one expression (nested: the outer one's)."""
        if _BUDGET.get(None) is not None:
            yield
            return
        token = _BUDGET.set(_Budget())
        try:
            yield
        finally:
            _BUDGET.reset(token)

    # -- what the limits are enforced on ---------------------------------------

    def _made(self, value):
        if isinstance(value, str) and len(value) > self.longest:
            raise Refused(f"a text of more than {self.longest:,} characters would be made")
        return value

    def _spend(self, amount: int) -> None:
        budget = _BUDGET.get(None)
        if budget is not None:
            budget.spend(amount)

    def _bounded_filter(self, function):
        def bounded(*args, **kwargs):
            self._spend(NODE_COST)
            return self._made(function(*args, **kwargs))

        if hasattr(function, "jinja_pass_arg"):  # keep Jinja's context/environment passing
            bounded.jinja_pass_arg = function.jinja_pass_arg
        return bounded

    def bounded_loop(self, iterable, weight: int):
        """`iterable`, each item charged `weight` to the budget."""
        for item in iterable:
            self._spend(weight)
            yield item

    def bounded_join(self, parts, autoescape: bool):
        joined = (markup_join if autoescape else str_join)(parts)
        self._spend(len(joined))
        return self._made(joined)

    def concat(self, parts) -> str:  # a whole template's output
        out, size = [], 0
        for part in parts:
            size += len(part)
            if size > LONGEST_OUTPUT:
                raise Refused(f"the rendered text would exceed {LONGEST_OUTPUT:,} characters")
            out.append(part)
        return "".join(out)

    def call(__self, __context, __obj, *args, **kwargs):  # jinja's own signature
        __self._spend(NODE_COST)
        budget = _BUDGET.get(None)
        if budget is not None:
            budget.depth += 1
            if budget.depth > DEEPEST:
                raise Refused(f"calls nest more than {DEEPEST} deep")
        try:
            return __self._made(super().call(__context, __obj, *args, **kwargs))
        finally:
            if budget is not None:
                budget.depth -= 1

    def call_binop(self, context, operator, left, right):
        for value in (left, right):
            if not isinstance(value, (int, float)) or isinstance(value, bool):
                raise TypeError(f"'{operator}' works on plain numbers only")
        if operator == "**" and (abs(right) > 64 or abs(left) > LARGEST):
            raise Refused("a power that large is not a figure of a paper")
        result = super().call_binop(context, operator, left, right)
        if abs(result) > LARGEST:
            raise Refused("the result is larger than any figure of a paper")
        return result


class TemplateSandbox(Sandbox):
    """The sandbox of a Word template's fields: a field names a value of the context,
    an item of a list (`item.title`, `items[0]`) or `loop.index`; nothing else of
    any object can be looked up."""

    def __init__(self, **options):
        super().__init__(
            longest=LONGEST_FIELD,
            filters={name: DEFAULT_FILTERS[name] for name in TEMPLATE_FILTERS},
            tests=jinja2.Environment().tests,
            **options,
        )

    def getattr(self, obj, attribute):
        if isinstance(obj, Mapping):
            if attribute in obj:
                return obj[attribute]
            return self.undefined(obj=obj, name=attribute)
        if isinstance(obj, LoopContext) and not attribute.startswith("_"):
            return getattr(obj, attribute)
        if isinstance(obj, jinja2.Undefined):
            return super().getattr(obj, attribute)
        raise Refused(f"'{attribute}' cannot be looked up here: a field names a value")

    def getitem(self, obj, argument):
        if isinstance(obj, Mapping) and isinstance(argument, str):
            return self.getattr(obj, argument)
        if isinstance(obj, Sequence) and isinstance(argument, (int, slice)):
            return super().getitem(obj, argument)
        raise Refused("[ ] takes a name of a field or a position in a list here")
