"""Each benchmark writes its own section of BENCHMARKS.md, with the machine and how fast its
CPU was at the start and at the end (a shared virtual machine varies by half)."""

from __future__ import annotations

from pathlib import Path

import pytest

from benchmarks import report


def test_a_section_names_the_machine_and_its_speed_and_replaces_the_last_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "BENCHMARKS.md"
    monkeypatch.setattr(report, "REPORT", target)
    monkeypatch.setattr(report, "cpu_gauge", iter([1.25, 1.5, 0.75, 0.5, 0.25]).__next__)
    report.start()
    report.write_section("search", "Directory search", "first run")
    report.write_section("import", "CSV import", "other")
    report.start()
    report.write_section("search", "Directory search", "second run")
    text = target.read_text(encoding="utf-8")
    assert text.count("<!-- begin:search -->") == 1 and "first run" not in text
    assert "second run" in text and "other" in text
    assert "1.25 s at the start, 1.50 s at the end" not in text  # the first run is gone
    assert "0.50 s at the start, 0.25 s at the end" in text
    assert report.machine() in text


def test_the_gauge_measures_real_work() -> None:
    assert report.cpu_gauge() > 0.01
