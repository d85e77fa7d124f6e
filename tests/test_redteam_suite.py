"""The shared red-team suite (../shared/redteam/, its README), one test per case.

A case passes when its verdict is `handled cleanly` or `accepted` and the command
stayed within the suite's resource rule (at most 2 GB resident, 60 s). The cases
run the installed command (.venv/bin/boardpaper) on copies of the project's
content and templates in /tmp/redteam-work/<ID>/. All of them take under five
minutes on the 2-core machine, so every case runs on every `make test`.
"""

from __future__ import annotations

import json
import os
import sys
import tempfile

import pytest

from .conftest import ROOT, SHARED, needs_shared

SUITE = SHARED / "redteam"
os.environ.setdefault("BP_ROOT", str(ROOT))
os.environ.setdefault("REDTEAM_RESULTS", tempfile.mkdtemp(prefix="redteam-results-"))

PASSING = ("handled cleanly", "accepted")


def _cases() -> dict:
    if not SUITE.is_dir():
        return {}
    sys.path.insert(0, str(SUITE))
    import cases_data  # noqa: F401  (each module registers its cases)
    import cases_faults  # noqa: F401
    import cases_misc  # noqa: F401
    import cases_placeholders  # noqa: F401
    import cases_review  # noqa: F401
    import cases_template  # noqa: F401
    import cases_yaml  # noqa: F401
    from registry import CASES

    return CASES


CASES = _cases()


@needs_shared(SUITE)
@pytest.mark.parametrize("case_id", list(CASES) or ["none"])
def test_the_red_team_case_is_handled(case_id):
    assert CASES, f"no red-team cases found in {SUITE}"
    from harness import fresh

    title, attack = CASES[case_id]
    outcome = attack(fresh(case_id))
    result = outcome.res
    detail = {
        "verdict": outcome.verdict,
        "note": outcome.note,
        "rc": None if result is None else result.rc,
        "seconds": None if result is None else round(result.secs, 1),
        "peak_rss_mb": None if result is None else result.rss_mb,
        "stderr": None if result is None else result.err[-2000:],
    }
    assert outcome.verdict.startswith(PASSING), f"{case_id} {title}: {json.dumps(detail)}"
    if result is not None and outcome.verdict == "handled cleanly":
        assert (result.rss_mb or 0) <= 2000 and result.secs <= 60, (
            f"{case_id} {title}: resource exhaustion: {json.dumps(detail)}"
        )
