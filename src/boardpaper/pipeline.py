"""One paper through every stage: content → narrative → writers → files.

The only module besides `cli.py` that sees all stages.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .content.model import PaperSource
from .content.schema import load_paper
from .errors import ContentError, Location
from .fsutil import write_atomic
from .narrative.build import build as build_model
from .narrative.model import Paper
from .oxml.house import template_package

TEMPLATE_NAME = Path("templates") / "spcb-paper.docx"


@dataclass
class Built:
    """What one build wrote."""

    paper: Paper
    outputs: list[Path] = field(default_factory=list)


def find_template(folder: Path, given: Path | None = None) -> tuple[bytes, str]:
    """The Word template: `given`, else templates/spcb-paper.docx above the paper,
    else the house template built in."""
    if given is not None:
        try:
            return Path(given).read_bytes(), str(given)
        except OSError as exc:
            raise ContentError(f"cannot read the template: {exc.strerror}",
                               Location(str(given))) from None
    for parent in [folder.resolve(), *folder.resolve().parents]:
        candidate = parent / TEMPLATE_NAME
        if candidate.is_file():
            return candidate.read_bytes(), str(candidate)
    return template_package(), "<built-in house template>"


def load(folder: Path) -> PaperSource:
    """Content stage: read and validate the paper folder."""
    return load_paper(folder)


def model(source: PaperSource) -> Paper:
    """Narrative stage: the document model."""
    return build_model(source)


def build(folder: Path, out_dir: Path, template: Path | None = None) -> Built:
    """Build one paper's outputs into `out_dir`; nothing is written unless all succeed."""
    from .writers.docx import write_docx  # heavy imports only when writing

    folder = Path(folder)
    paper = model(load(folder))
    template_bytes, template_name = find_template(folder, template)
    docx = write_docx(paper, template_bytes, template_name)
    target = Path(out_dir) / f"{paper.name}.docx"
    write_atomic(target, docx)
    return Built(paper, [target])
