"""The meeting pack's benchmark: `meeting build` against each paper's pack in turn."""

from __future__ import annotations

import os
from pathlib import Path

from common import BOARDPAPER, ROOT, median, run


def meeting(tmp: Path, runs: int) -> dict:
    """The example meeting's pack (one LibreOffice process for every Word file) against
    building each of its papers' packs one after the other, as before `meeting build`."""
    spec = ROOT / "meetings" / "2022-05-10.yaml"
    command = BOARDPAPER + ["meeting", "build", str(spec), "-o", str(tmp / "meeting")]
    caches = iter(range(runs))

    def fresh() -> None:  # every run with an empty cache of converted PDFs
        cache = tmp / f"cache-{next(caches)}"
        run(command, env={**os.environ, "BOARDPAPER_CACHE": str(cache)})

    together = median(fresh, runs)
    again = median(
        lambda: run(command, env={**os.environ, "BOARDPAPER_CACHE": str(tmp / "cache-0")}), runs
    )
    papers = sorted(p for p in (ROOT / "content").iterdir() if (p / "paper.yaml").exists())
    external = ROOT / "meetings" / "papers" / "estates-strategy-update.docx"

    def one_by_one() -> None:
        for paper in papers:
            run(BOARDPAPER + ["build", "-q", "--pack", str(paper), "-o", str(tmp / "apart")])
        run(
            ["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(tmp / "apart")]
            + [str(external)]
        )

    return {
        "meeting_pack": together,
        "meeting_again": again,
        "meeting_apart": median(one_by_one, runs),
    }
