"""Writing a benchmark's figures into its own section of BENCHMARKS.md, with the machine."""

from __future__ import annotations

import os
import platform
import re
import sqlite3
import statistics
import time
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path

REPORT = Path(__file__).resolve().parent.parent / "BENCHMARKS.md"
HEADER = (
    "# Benchmarks\n\n"
    "Figures written by `scripts/bench` (each section by its own benchmark, replaced when it\n"
    "runs again). Targets come from the issues; nothing here is asserted in a test.\n"
)


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = ""
    try:
        kb = int(Path("/proc/meminfo").read_text().split()[1])
        mem = f", {kb / 1024 / 1024:.0f} GiB RAM"
    except (OSError, ValueError, IndexError):
        pass
    return (
        f"{cpu}, {os.cpu_count()} cores{mem}; {platform.system()} {platform.release()}; "
        f"Python {platform.python_version()}; SQLite {sqlite3.sqlite_version}"
    )


def peak_rss_mb() -> float:
    """This process's peak resident memory in MB, since it started its program.

    Not `getrusage(...).ru_maxrss`: Linux carries a parent's peak over into a child it forks
    and which then runs a new program (a benchmark that has just built a million customers in
    its own process would report that process's memory as the child's). `VmHWM` is the peak
    of the child's own address space."""
    import resource

    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def cpu_gauge() -> float:
    """Seconds of CPU a fixed pure-Python loop takes now (lower is faster). On a shared
    virtual machine the same code runs up to 1.5 times slower from one moment to the next;
    measured when a benchmark starts and when it ends, it says how fast the machine was."""
    started = time.process_time()
    total = 0
    for i in range(10_000_000):
        total += i * i % 7
    return time.process_time() - started


_gauge_at_start: float | None = None


def start() -> None:
    """Note the CPU gauge before a benchmark runs (`write_section` reports it)."""
    global _gauge_at_start
    _gauge_at_start = cpu_gauge()


def percentile(samples: Sequence[float], pct: float) -> float:
    ordered = sorted(samples)
    if not ordered:
        return float("nan")
    k = (len(ordered) - 1) * pct / 100
    lo, hi = int(k), min(int(k) + 1, len(ordered) - 1)
    return ordered[lo] + (ordered[hi] - ordered[lo]) * (k - lo)


def summary_ms(samples_s: Sequence[float]) -> dict[str, float]:
    ms = [s * 1000 for s in samples_s]
    return {
        "n": len(ms),
        "median": statistics.median(ms),
        "p95": percentile(ms, 95),
        "p99": percentile(ms, 99),
        "max": max(ms),
    }


def write_section(name: str, title: str, body: str) -> None:
    """Replace (or add) the section `name` of BENCHMARKS.md."""
    text = REPORT.read_text(encoding="utf-8") if REPORT.exists() else HEADER
    stamp = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    before = f"{_gauge_at_start:.2f} s at the start, " if _gauge_at_start is not None else ""
    gauge = (
        f"CPU gauge (`report.cpu_gauge`, a fixed pure-Python loop; lower is faster): {before}"
        f"{cpu_gauge():.2f} s at the end."
    )
    section = (
        f"<!-- begin:{name} -->\n## {title}\n\n"
        f"Run {stamp} on: {machine()}.\n{gauge}\n\n{body.rstrip()}\n<!-- end:{name} -->\n"
    )
    pattern = re.compile(
        rf"<!-- begin:{re.escape(name)} -->.*?<!-- end:{re.escape(name)} -->\n", re.S
    )
    text = (
        pattern.sub(lambda _m: section, text)
        if pattern.search(text)
        else text.rstrip() + "\n\n" + section
    )
    REPORT.write_text(text, encoding="utf-8")
    print(section)
