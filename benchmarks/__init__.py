"""Speed measurements. `scripts/bench [NAME ...]` runs them and writes BENCHMARKS.md."""
