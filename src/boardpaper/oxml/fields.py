"""Complex fields (`w:fldChar` begin / `w:instrText` / separate / end)."""

from __future__ import annotations

from .ns import nsdecls, text


def field_runs(instruction: str, shown: str = "1", rpr: str = "") -> str:
    """The XML of the runs of one field, e.g. `field_runs("PAGE")`.

    `shown` is the cached result a reader sees before fields are updated;
    every Word-compatible program recomputes PAGE and NUMPAGES when it lays out
    the page.
    """
    return (
        f'<w:r {nsdecls("w")}>{rpr}<w:fldChar w:fldCharType="begin"/></w:r>'
        f'<w:r {nsdecls("w")}>{rpr}<w:instrText xml:space="preserve"> {text(instruction)} </w:instrText></w:r>'
        f'<w:r {nsdecls("w")}>{rpr}<w:fldChar w:fldCharType="separate"/></w:r>'
        f"<w:r {nsdecls('w')}>{rpr}<w:t>{text(shown)}</w:t></w:r>"
        f'<w:r {nsdecls("w")}>{rpr}<w:fldChar w:fldCharType="end"/></w:r>'
    )
