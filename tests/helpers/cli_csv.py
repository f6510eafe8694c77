"""Helpers for the command-line and CSV tests: writing CSV files, running `pos-clients`."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest

from pos_clients.cli import main
from pos_clients.directory_csv import COLUMNS

ZOE = {
    "kind": "person",
    "civility": "Mme",
    "first_name": "Zoë",
    "last_name": "Lefèvre",
    "email": "zoe.lefevre@orange.fr",
    "mobile": "06 12 34 56 78",
    "postcode": "75004",
    "city": "Paris",
    "reference": "4006381333931",
    "group": "VIP",
    "email_consent": "yes",
}


def write_csv(
    path: Path,
    rows: Sequence[dict[str, str]],
    *,
    headers: Sequence[str] = COLUMNS,
    names: dict[str, str] | None = None,
    delimiter: str = ",",
    encoding: str = "utf-8",
) -> Path:
    """Write `rows` (dicts by column) under `headers` (renamed through `names`)."""
    import csv
    import io

    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow([(names or {}).get(h, h) for h in headers])
    for row in rows:
        writer.writerow([row.get(h, "") for h in headers])
    path.write_bytes(out.getvalue().encode(encoding))
    return path


def run_cli(capsys: pytest.CaptureFixture[str], url: str, *args: str) -> tuple[int, str, str]:
    """(exit status, stdout, stderr) of `pos-clients --database URL ARGS…`."""
    capsys.readouterr()
    status = main(["--database", url, *args])
    out, err = capsys.readouterr()
    return status, out, err


def run_json(capsys: pytest.CaptureFixture[str], url: str, *args: str) -> Any:
    status, out, err = run_cli(capsys, url, *args, "--json")
    assert status == 0, err
    return json.loads(out)
