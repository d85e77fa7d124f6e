"""One door per kind of untrusted input: the source is scanned for parsing, rendering
and reading done anywhere but in its door's module, so a new code path cannot
bypass the bounds by calling the library directly."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src" / "boardpaper"

#: (what, pattern, the modules allowed to use it)
DOORS = [
    (
        "XML parsing",
        r"etree\.(fromstring|parse|XML|iterparse|XMLPullParser)\b|XMLParser\(",
        {"xmlsafe.py"},
    ),
    (
        "a Jinja environment",
        r"\b(Sandboxed|ImmutableSandboxed)?Environment\(|jinja2\.Template\(|from_string\(",
        {"sandbox.py"},
    ),
    (
        "YAML parsing",
        r"yaml\.(safe_)?load\b|yaml\.(full_)?load_all|YAML\(|CSafeLoader|SafeLoader\(",
        {"content/yamlmarks.py", "content/roundtrip.py"},
    ),
    (
        "reading a data file",
        r"read_csv\(|read_excel\(|load_workbook\(|ExcelFile\(|create_engine\(|\.connect\(",
        {"measures/data.py", "measures/readers.py", "measures/sql.py"},
    ),
    (
        "globbing the paper's files",
        r"\.r?glob\(",
        {"content/paths.py", "writers/pack.py", "fsutil.py"},
    ),
]


def _sources():
    for path in sorted(SRC.rglob("*.py")):
        text = path.read_text(encoding="utf-8")
        code = re.sub(r'(?s)""".*?"""', "", text)  # docstrings may name the calls
        yield (
            path.relative_to(SRC).as_posix(),
            [
                (n, line)
                for n, line in enumerate(code.splitlines(), 1)
                if not line.lstrip().startswith("#")
            ],
        )


@pytest.mark.parametrize(("what", "pattern", "allowed"), DOORS, ids=[d[0] for d in DOORS])
def test_no_input_is_read_outside_its_door(what, pattern, allowed):
    found = [
        f"{name}:{n}: {line.strip()}"
        for name, lines in _sources()
        if name not in allowed
        for n, line in lines
        if re.search(pattern, line)
    ]
    assert not found, f"{what} outside its door ({', '.join(sorted(allowed))}):\n" + "\n".join(
        found
    )


def test_the_scan_finds_what_it_looks_for():
    """The patterns match the calls they are meant to catch (a scan that matches
    nothing would pass whatever the code did)."""
    samples = {
        "XML parsing": ["root = etree.fromstring(data)", "p = etree.XMLParser(recover=True)"],
        "a Jinja environment": ["env = SandboxedEnvironment(", "jinja2.Environment()"],
        "YAML parsing": ["yaml.safe_load(text)", "y = YAML()"],
        "reading a data file": [
            "pd.read_csv(path)",
            "openpyxl.load_workbook(f)",
            "create_engine(url)",
        ],
        "globbing the paper's files": ["folder.glob('*.csv')"],
    }
    for what, pattern, _allowed in DOORS:
        for sample in samples[what]:
            assert re.search(pattern, sample), (what, sample)
    allowed = {a for _w, _p, modules in DOORS for a in modules}
    names = {name for name, _ in _sources()}
    assert allowed - {"measures/readers.py"} <= names, allowed - names


#: each stage imports only the stages before it (docs/architecture.md), and the
#: small modules every stage may use
STAGES = ["content", "measures", "narrative", "writers"]
COMMON = {
    "errors",
    "status",
    "dates",
    "fsutil",
    "xmlsafe",
    "xmltext",
    "sandbox",
    "csvcells",
    "oxml",
}


def test_each_stage_imports_only_the_stages_before_it():
    wrong = []
    for name, lines in _sources():
        stage = name.split("/")[0]
        if stage not in STAGES:
            continue
        allowed = set(STAGES[: STAGES.index(stage) + 1]) | COMMON
        package = name.split("/")[:-1]
        for n, line in lines:
            for dots, module, first in re.findall(r"from (\.+)(\w*) import \(?(\w+)", line):
                base = package[: len(package) - (len(dots) - 1)]
                target = (base + [module or first])[0]
                if target not in allowed:
                    wrong.append(f"{name}:{n}: {line.strip()}")
    assert not wrong, "imports against the stages:\n" + "\n".join(wrong)
