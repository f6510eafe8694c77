"""CSV import checked by worker processes: the same report and the same directory as in-process."""

from __future__ import annotations

import gc
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from pos_clients import customers
from pos_clients.data import customer_search
from pos_clients.data.database import Database
from pos_clients.directory_csv import import_customers, importing
from pos_clients.directory_csv.importing import CHUNK_ROWS, start_method
from tests.helpers.cli_csv import ZOE, write_csv
from tests.helpers.factories import person

BAD = [
    {"last_name": "Martin", "reference": "4006381333948"},  # card held by Jean Dupont
    {"last_name": "Petit", "reference": "4006381333932"},  # bad EAN check digit
    {"kind": "company", "company_name": "Sarl X", "siret": "73282932000075"},  # bad SIRET
    {"last_name": "Roux", "email": "roux@@exemple"},  # bad email
    {"last_name": "x" * 10_000},  # too long
    {"last_name": "Nul\x00", "notes": "a\x00b"},  # NUL bytes
    {"last_name": "Moreau", "email_consent": "peut-être"},  # consent
    {"last_name": "Bernard", "birthday": "31/02/1990"},  # impossible date
    {"kind": "robot", "last_name": "R2"},  # unknown kind
    {"last_name": "Vidal", "group": "G" * 200},  # group name too long
]


def _rows() -> list[dict[str, str]]:
    """Valid customers over more than two chunks, with bad ones and repeated cards spread out."""
    rows: list[dict[str, str]] = [ZOE]
    for i in range(int(CHUNK_ROWS * 2.5)):
        rows.append(
            {
                "last_name": f"Client{i}",
                "first_name": "Hélène",
                "reference": f"REF{i}",
                "group": f"Groupe {i % 3}",
                "email_consent": "oui" if i % 2 else "",
            }
        )
        if i % 500 == 250:
            rows.append(BAD[(i // 500) % len(BAD)])
    rows.append(ZOE | {"first_name": "Autre"})  # same card as line 2, two chunks later
    rows.append({"last_name": "Double", "reference": "REF10"})  # same card as an earlier row
    return rows


@pytest.mark.parametrize("method", ["spawn", "fork"])
def test_workers_give_the_same_report_as_in_process(
    db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, method: str
) -> None:
    # Both ways of starting the workers, whatever this process runs (a forked worker only
    # parses and checks text: it takes no lock another thread of the test process holds).
    monkeypatch.setattr(importing, "start_method", lambda: method)
    person(db, "Dupont", "Jean", reference="4006381333948")
    path = write_csv(tmp_path / "big.csv", _rows())
    alone = import_customers(db, path, dry_run=True, workers=0)
    assert alone.rows > 2 * CHUNK_ROWS and len(alone.rejected_lines) == 12
    assert import_customers(db, path, dry_run=True, workers=2) == alone

    report = import_customers(db, path, workers=2)
    assert report.problems == alone.problems
    groups = ("VIP", "Groupe 0", "Groupe 1", "Groupe 2")
    assert report.created_groups == alone.created_groups == groups
    assert report.imported == report.valid == alone.valid and report.exit_status == 1
    last = report.rows + 1
    assert {p.line for p in report.problems if p.column == "reference"} >= {last, last - 1}
    with db.reader() as uow:
        assert customers.count_customers(uow) == alone.valid + 1
        zoe = customers.find_by_reference(uow, ZOE["reference"])
        client = customers.find_by_reference(uow, "REF4001")
        found = customer_search.search(uow, "helene client4001").items
    assert zoe is not None and zoe.first_name == "Zoë"
    assert client is not None and client.group_name == "Groupe 2"
    consent = client.consent("email")
    assert consent is not None and consent.granted and consent.source == "import"
    assert [c.display_name for c in found] == ["Client4001 Hélène"]


def test_workers_are_forked_only_by_a_process_running_one_thread() -> None:
    # The command line runs one thread: its workers start at once, everything imported.
    alone = subprocess.run(
        [
            sys.executable,
            "-c",
            "from pos_clients.directory_csv.importing import start_method;print(start_method())",
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    assert alone.stdout.strip() == "fork"
    # Another thread running (the app's, Qt's): forking could copy a lock it holds.
    stop = threading.Event()
    other = threading.Thread(target=stop.wait)
    other.start()
    try:
        assert start_method() == "spawn"
    finally:
        stop.set()
        other.join()


def test_the_command_lines_progress_bar_starts_no_thread_that_would_stop_the_fork() -> None:
    # `pos-clients import` on a terminal draws a tqdm bar (stderr a pty here).
    code = (
        "import os, pty, sys\n"
        "from pos_clients.cli.common import progress_bar\n"
        "from pos_clients.directory_csv.importing import start_method\n"
        "from pos_clients.i18n import Text\n"
        "_, terminal = pty.openpty()\n"
        "sys.stderr = os.fdopen(terminal, 'w')\n"
        "with progress_bar(Text('Import', 'Import')) as progress:\n"
        "    assert progress is not None\n"
        "    progress(1000, 200000)\n"
        "    print(start_method())\n"
    )
    shown = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert shown.stdout.strip() == "fork"


def test_cancel_with_workers_writes_nothing(db: Database, tmp_path: Path) -> None:
    path = write_csv(tmp_path / "big.csv", _rows())
    seen: list[int] = []
    report = import_customers(
        db, path, workers=2, progress=lambda d, _: seen.append(d), cancel=lambda: len(seen) >= 1
    )
    assert report.cancelled and report.imported == 0 and seen == [CHUNK_ROWS]
    with db.reader() as uow:
        assert customers.count_customers(uow) == 0


def test_the_garbage_collector_is_paused_during_an_import_and_back_after(
    db: Database, tmp_path: Path
) -> None:
    during: list[bool] = []
    assert gc.isenabled()
    report = import_customers(
        db,
        write_csv(tmp_path / "c.csv", [ZOE, {"last_name": "Petit"}]),
        progress=lambda _done, _total: during.append(gc.isenabled()),
    )
    assert report.imported == 2
    assert during and not any(during[:-1])  # paused while writing (the last call comes after)
    assert gc.isenabled()
    gc.disable()
    try:
        import_customers(db, write_csv(tmp_path / "d.csv", [{"last_name": "Roux"}]))
        assert not gc.isenabled()  # left as the caller had it
    finally:
        gc.enable()
