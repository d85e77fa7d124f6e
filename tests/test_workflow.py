"""The quarterly workflow: new, check, watch, and output for scripts."""

from __future__ import annotations

import json
import threading
import time

from boardpaper.cli import main

from .conftest import copy_content


def _add_months(folder, measure: str, months: list[str], value: int) -> None:
    data = folder / "data" / "measures.csv"
    data.write_text(
        data.read_text(encoding="utf-8")
        + "".join(f"{measure},{month},{value}\n" for month in months),
        encoding="utf-8",
    )


def test_new_rolls_the_period_and_lists_the_changed_paragraphs(tmp_path, capsys):
    old = copy_content(tmp_path)
    _add_months(old, "homicide", ["2022-04", "2022-05", "2022-06"], 9)  # new data arrives
    new = old.parent / "2022-08-performance-report"
    assert main(["new", str(old), str(new), "--period", "2022-06"]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[0] == f"wrote {new} (period 2022-06, meeting 2022-08)"
    text = (new / "paper.yaml").read_text(encoding="utf-8")
    assert "period: 2022-06   # the last month of the reporting year (12 months)" in text
    assert "  meeting: 2022-08\n" in text
    assert "{{ m.homicide }}" in text, "placeholders are kept"
    lines = out.splitlines()
    para5 = lines.index("¶5 measure-reduce-murder-and-other-1:")
    block = lines[para5 + 1 : para5 + 4]
    assert block[0] == "    {{ period }}: April 2021 to March 2022 → July 2021 to June 2022"
    homicides = int(next(line for line in block if "{{ m.homicide }}" in line).split("→ ")[1])
    assert "    {{ m.homicide }}: 53 → " in "\n".join(block) and homicides != 53
    assert "    {{ m.vwi.vs_baseline.pct }}: 20% → needs data for 2022-04, 2022-05, 2022-06" in out
    # paragraphs without figures are not listed
    assert "¶1 " not in out and "¶79 " not in out


def test_new_refuses_to_overwrite(tmp_path, capsys):
    old = copy_content(tmp_path)
    assert main(["new", str(old), str(old), "--period", "2022-06"]) == 2
    assert "exists already" in capsys.readouterr().err


def test_check_is_clean_on_the_example_and_flags_a_seeded_contradiction(tmp_path, capsys):
    folder = copy_content(tmp_path)
    assert main(["check", "--strict", str(folder)]) == 0
    assert "0 warnings in 1 paper" in capsys.readouterr().err
    paper = folder / "paper.yaml"
    lines = paper.read_text(encoding="utf-8").splitlines()
    index = next(i for i, line in enumerate(lines) if "{{ m.vwi.vs_baseline.noun }}" in line)
    lines[index] = lines[index].replace("{{ m.vwi.vs_baseline.noun }}", "reduction")
    paper.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert main(["check", str(folder)]) == 0
    assert main(["check", "--strict", str(folder)]) == 1
    out = capsys.readouterr().out.strip().splitlines()
    expected = (
        f"{paper}:{index + 1}:5: warning: ¶8 says 'reduction' next to "
        "{{ m.vwi.vs_baseline.pct }} (20%), which is an increase"
    )
    assert expected in out


def test_check_flags_a_typed_figure_and_reports_json(tmp_path, capsys):
    folder = copy_content(tmp_path)
    paper = folder / "paper.yaml"
    paper.write_text(
        paper.read_text(encoding="utf-8").replace(
            "saw {{ m.homicide }} homicides", "saw 53 homicides"
        ),
        encoding="utf-8",
    )
    assert main(["check", "--json", str(folder)]) == 0
    found = json.loads(capsys.readouterr().out)
    assert [f["message"] for f in found] == [
        "¶5 types 53, which is computed as {{ m.homicide }}: write the placeholder, or it "
        "will be wrong next quarter"
    ]
    assert found[0]["file"] == str(paper) and found[0]["severity"] == "warning"
    # typed on purpose: said once under typed:, and check --strict passes
    paper.write_text(paper.read_text(encoding="utf-8") + "\ntyped: ['53']\n", encoding="utf-8")
    assert main(["check", "--strict", str(folder)]) == 0


def test_check_matches_a_typed_number_only_in_its_own_paragraph_and_not_a_duration(
    tmp_path, capsys
):
    """53 is a figure of ¶5 (homicides). Typed in ¶6, which computes no homicide count,
    it is that paragraph's own number; typed in ¶5 as a length of time ("53 months") it
    is a definition, not the figure: neither is a warning. Typed in ¶5 as a count, it is."""
    folder = copy_content(tmp_path)
    paper = folder / "paper.yaml"
    text = paper.read_text(encoding="utf-8")
    in_six = "A significant proportion of homicides are often linked"
    in_five = "homicides, compared"
    assert in_six in text and in_five in text
    paper.write_text(
        text.replace(
            in_six, "Over 53 cases, a significant proportion of homicides are often linked"
        ).replace(in_five, "homicides over the last 53 months, compared"),
        encoding="utf-8",
    )
    assert main(["check", "--strict", str(folder)]) == 0, capsys.readouterr().out
    paper.write_text(text.replace(in_five, "homicides (53 in all), compared"), encoding="utf-8")
    assert main(["check", "--strict", str(folder)]) == 1
    assert "¶5 types 53, which is computed as {{ m.homicide }}" in capsys.readouterr().out


def test_check_accessibility_findings(tmp_path, capsys):
    folder = copy_content(tmp_path)
    paper = folder / "paper.yaml"
    text = paper.read_text(encoding="utf-8")
    text = text.replace("  - heading: Purpose of paper", "  - subheading: Purpose of paper", 1)
    text = text.replace(
        "These factors will drive activity",
        "See [here](https://example.org/report). These factors will drive activity",
        1,
    )
    paper.write_text(text, encoding="utf-8")
    assert main(["check", "--strict", str(folder)]) == 1
    out = capsys.readouterr().out
    assert "warning: the first heading is a subheading" in out
    assert "warning: ¶7: the link text 'here' does not say where it goes" in out


def test_check_errors_are_exit_status_2(tmp_path, capsys):
    folder = copy_content(tmp_path)
    paper = folder / "paper.yaml"
    paper.write_text(
        paper.read_text(encoding="utf-8").replace("{{ m.homicide }}", "{{ m.homicde }}"), "utf-8"
    )
    assert main(["check", str(folder)]) == 2
    err = capsys.readouterr().err.strip()
    assert (
        "error: {{ m.homicde }} in paragraph 'measure-reduce-murder-and-other-1': the "
        "measures has no 'homicde'"
        in err
        and "did you mean 'homicide'?" in err
    )


def test_watch_rebuilds_and_says_what_changed(tmp_path):
    from boardpaper.watch import watch

    folder = copy_content(tmp_path)
    lines: list[str] = []
    stop = threading.Event()
    thread = threading.Thread(
        target=watch,
        args=(folder, tmp_path / "out", lines.append, stop),
        kwargs={"interval": 0.1},
        daemon=True,
    )
    thread.start()
    try:
        _wait(lambda: any(line.startswith("built") for line in lines))
        paper = folder / "paper.yaml"
        paper.write_text(
            paper.read_text(encoding="utf-8").replace(
                "Gang Related Violence remains", "Gang Related Violence stays"
            ),
            encoding="utf-8",
        )
        _wait(lambda: sum(line.startswith("built") for line in lines) >= 2)
        data = folder / "data" / "measures.csv"
        rows = data.read_text(encoding="utf-8").splitlines()
        rows = [
            r
            if not r.startswith("homicide,2022-01,")
            else f"homicide,2022-01,{int(r.split(',')[2]) + 5}"
            for r in rows
        ]
        data.write_text("\n".join(rows) + "\n", encoding="utf-8")
        _wait(lambda: any("{{ m.homicide }}: 53 → 58" in line for line in lines))
        paper.write_text(
            paper.read_text(encoding="utf-8").replace("{{ m.homicide }}", "{{ m.homicde }}"),
            "utf-8",
        )
        _wait(lambda: any("error: {{ m.homicde }}" in line for line in lines))
    finally:
        stop.set()
        thread.join(timeout=10)
    assert "  ¶7 measure-reduce-murder-and-other-3: text changed" in lines
    assert thread.is_alive() is False


def _wait(condition, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.05)


def test_build_json(tmp_path, capsys, example_dir):
    assert main(["build", str(example_dir), "-o", str(tmp_path), "--json"]) == 0
    done = json.loads(capsys.readouterr().out)
    assert done[0]["outputs"][0] == str(tmp_path / "2022-05-performance-report.docx")


def test_help_reads_like_a_unix_tool(capsys):
    import pytest

    with pytest.raises(SystemExit) as caught:
        main(["--help"])
    assert caught.value.code == 0
    out = capsys.readouterr().out
    for command in ("build", "check", "new", "watch", "redline", "review", "measures"):
        assert f"    {command} " in out
    assert "exit status: 0 done; 1 warnings" in out


def test_watch_follows_every_file_a_build_reads():
    from boardpaper.watch import watched_files

    from .conftest import ROOT

    october = ROOT / "content" / "2021-10-pcp-kpi-report"
    names = {p.resolve() for p in watched_files(october, None)}
    assert (ROOT / "content" / "shared" / "pcp-kpi-framework.yaml").resolve() in names
    assert (ROOT / "templates" / "spcb-paper.docx").resolve() in names
    assert (october / "data" / "measures.csv").resolve() in names


def test_new_lists_the_old_papers_figures_the_data_has_restated_apart(tmp_path, capsys):
    """An analyst restates June 2021 (5 homicides → 7): the old paper printed 53 for
    April 2021 to March 2022, the data now says 55. `new` lists that as a revision,
    apart from the figures that move because the period moves."""
    old = copy_content(tmp_path)
    out = tmp_path / "output"
    assert main(["build", "-q", str(old), "-o", str(out)]) == 0
    data = old / "data" / "measures.csv"
    text = data.read_text(encoding="utf-8")
    assert "homicide,2021-06,5\n" in text
    data.write_text(text.replace("homicide,2021-06,5\n", "homicide,2021-06,7\n"), encoding="utf-8")
    capsys.readouterr()
    new = old.parent / "2022-08-performance-report"
    assert main(["new", str(old), str(new), "--period", "2022-06", "-o", str(out)]) == 0
    lines = capsys.readouterr().out.splitlines()
    start = lines.index(
        f"revised since {out / (old.name + '.figures.csv')} was written "
        "(the same months, data restated):"
    )
    revised = lines[start + 1 :]
    homicide = [line for line in revised if "{{ m.homicide }}" in line]
    assert homicide and all(line.endswith(": 53 → 55") for line in homicide), revised
    assert "(2021-04..2022-03)" in homicide[0] or "2021-04" in homicide[0]
    assert all(line.startswith(("    ¶", "    appendix A scorecard")) for line in revised), revised


def test_new_says_when_it_cannot_tell_revisions(tmp_path, capsys):
    old = copy_content(tmp_path)
    new = old.parent / "2022-08-performance-report"
    assert main(["new", str(old), str(new), "--period", "2022-06", "-o", str(tmp_path / "x")]) == 0
    assert "revisions: not known (no audit trail of the old paper" in capsys.readouterr().out
