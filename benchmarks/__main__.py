"""Run benchmarks by name (`python -m benchmarks search register`), or all of them."""

from __future__ import annotations

import argparse
import importlib
import pkgutil
import sys
from pathlib import Path


def available() -> list[str]:
    here = Path(__file__).parent
    return sorted(
        m.name[len("bench_") :]
        for m in pkgutil.iter_modules([str(here)])
        if m.name.startswith("bench_")
    )


def main() -> int:
    parser = argparse.ArgumentParser(prog="scripts/bench", description=__doc__)
    parser.add_argument("names", nargs="*", help=f"among: {', '.join(available())}")
    parser.add_argument(
        "--customers", type=int, default=1_000_000, help="directory size (default 1,000,000)"
    )
    parser.add_argument(
        "--quick", action="store_true", help="small sizes, to check the benchmarks themselves run"
    )
    parser.add_argument(
        "--verify-only",
        action="store_true",
        help="register: only `verify` over the cached 1,000,000-invoice history",
    )
    args = parser.parse_args()
    from benchmarks import report

    for name in args.names or available():
        module = importlib.import_module(f"benchmarks.bench_{name}")
        report.start()
        module.run(args)
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    sys.exit(main())
