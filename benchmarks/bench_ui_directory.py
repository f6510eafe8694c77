"""The Répertoire window at scale (issue 3): open to first page painted, keystroke to new
first page, and memory while scrolling the whole list down and back up.

The directory is built once per size by a direct insert into the tables (search triggers off,
then one FTS rebuild) and cached under /tmp. The window runs offscreen with the real
TaskRunner (one worker thread), as in the app.
"""

from __future__ import annotations

import argparse
import os
import random
import sqlite3
import time
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, QEventLoop, QObject, QTimer, Signal  # noqa: TID251 (a UI benchmark)
from PySide6.QtWidgets import QApplication  # noqa: TID251
from sqlalchemy import text

from benchmarks.report import summary_ms, write_section
from pos_clients.data import search_index
from pos_clients.data.database import Database, open_database
from pos_clients.data.search_index import build_search_text
from pos_clients.folding import fold

CACHE = Path(os.environ.get("POS_CLIENTS_BENCH_DIR", "/tmp/pos-clients-bench"))
FIRST = [
    "Jean",
    "Marie",
    "Hélène",
    "Loïc",
    "Zoë",
    "Éric",
    "Anaïs",
    "Noël",
    "Chloé",
    "Paul",
    "Léa",
    "Hugo",
    "Inès",
    "Théo",
    "Manon",
    "Lucas",
    "Camille",
    "Nathan",
    "Sarah",
    "Louis",
    "Emma",
    "Gabriel",
    "Jade",
    "Raphaël",
    "Louise",
    "Arthur",
    "Alice",
    "Jules",
    "Lina",
    "Adam",
]
LAST = [
    "Martin",
    "Bernard",
    "Thomas",
    "Petit",
    "Robert",
    "Richard",
    "Durand",
    "Dubois",
    "Moreau",
    "Laurent",
    "Simon",
    "Michel",
    "Lefèvre",
    "Leroy",
    "Roux",
    "David",
    "Bertrand",
    "Morel",
    "Fournier",
    "Girard",
    "Bonnet",
    "Dupont",
    "Lambert",
    "Fontaine",
    "Rousseau",
    "Vincent",
    "Muller",
    "Lefebvre",
    "Faure",
    "André",
    "Mercier",
    "Blanc",
    "Guérin",
    "Boyer",
    "Garnier",
    "Chevalier",
    "François",
    "Legrand",
    "Gauthier",
    "Garcia",
    "Perrin",
    "Robin",
    "Clément",
    "Morin",
    "Nicolas",
    "Henry",
    "Roussel",
    "Mathieu",
]
CITIES = (
    ("75004", "Paris"),
    ("69002", "Lyon"),
    ("13001", "Marseille"),
    ("33000", "Bordeaux"),
    ("59000", "Lille"),
    ("44000", "Nantes"),
    ("67000", "Strasbourg"),
    ("29200", "Brest"),
    ("35000", "Rennes"),
    ("31000", "Toulouse"),
)
QUERIES = (
    "m",
    "ma",
    "mar",
    "mart",
    "martin",
    "martin j",
    "lef",
    "lefe",
    "hél",
    "hele",
    "dupont",
    "06 12",
    "0612",
    "lyon",
    "75004",
    "gmail",
    "chloé moreau",
    "roussel",
    "zzz",
    "théo",
)


def build(path: Path, n: int) -> None:
    """`n` customers, one third with a phone, half with an email, by direct insert."""
    tmp = path.with_suffix(".building")
    tmp.unlink(missing_ok=True)
    db = open_database(f"sqlite:///{tmp}")
    with db.engine.begin() as conn:
        conn.execute(text("DROP TRIGGER IF EXISTS customer_search_ai"))
    db.dispose()
    rng = random.Random(3)
    con = sqlite3.connect(tmp)
    con.execute("PRAGMA synchronous=OFF")
    stamp = "2026-01-01 00:00:00"
    rows = []
    started = time.perf_counter()
    for i in range(1, n + 1):
        first, last = rng.choice(FIRST), rng.choice(LAST)
        postcode, city = rng.choice(CITIES)
        email = f"{fold(first)}.{fold(last)}{i}@{rng.choice(('gmail.com', 'orange.fr'))}"
        email = email if i % 2 else None
        phone = f"+336{rng.randint(10_000_000, 99_999_999)}" if i % 3 == 0 else None
        reference = f"C{i:08d}" if i % 5 == 0 else None
        sort_key = fold(f"{last} {first}")
        search = build_search_text((last, first, postcode, city), email, (phone,), reference)
        rows.append(
            (i, "person", first, last, email, phone, postcode, city, reference, sort_key, search)
        )
        if len(rows) == 20_000:
            _insert(con, rows, stamp)
            rows.clear()
            print(f"  {i:,} customers ({time.perf_counter() - started:.0f} s)", flush=True)
    _insert(con, rows, stamp)
    con.commit()
    con.close()
    db = open_database(f"sqlite:///{tmp}")
    with db.engine.begin() as conn:
        search_index.rebuild(conn)
        search_index.recreate_triggers(conn)
        search_index.optimize(conn)  # as a bulk load by the demo leaves it
        conn.execute(text("ANALYZE"))
    db.dispose()
    tmp.rename(path)


def _insert(con: sqlite3.Connection, rows: list[tuple[object, ...]], stamp: str) -> None:
    con.executemany(
        "INSERT INTO customer (id, kind, first_name, last_name, email, phone, postcode, city, "
        "reference, sort_key, search_text, civility, company_name, legal_form, siret, "
        "vat_number, contact_name, address_line1, address_line2, country, notes, created_at, "
        "updated_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,'','','','','','','','','FR','',?,?)",
        [(*r, stamp, stamp) for r in rows],
    )


def database(n: int) -> Database:
    CACHE.mkdir(parents=True, exist_ok=True)
    path = CACHE / f"ui-directory-{n}.sqlite3"
    if not path.exists():
        print(f"Building {path} ({n:,} customers)…", flush=True)
        build(path, n)
    return open_database(f"sqlite:///{path}")


def rss_mb() -> float:
    pages = int(Path("/proc/self/statm").read_text().split()[1])
    return pages * os.sysconf("SC_PAGE_SIZE") / 1024 / 1024


class PaintWatch(QObject):
    """Notes when the watched viewport has painted.

    Signals:
        painted_now(): a paint event reached the viewport.
    """

    painted_now = Signal()

    def __init__(self) -> None:
        super().__init__()
        self.painted = False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            self.painted = True
            QTimer.singleShot(0, self.painted_now.emit)  # once this paint is done
        return False


def wait(app: QApplication, until: Any, *signals: Any, timeout: float = 60.0) -> None:
    """Run the event loop (idle between events, as the app does) until `until()` holds.

    It is checked when one of `signals` fires, and every 20 ms. (A busy processEvents() loop
    would hold the GIL and starve the worker thread.)
    """
    if until():
        return
    loop = QEventLoop()
    deadline = time.perf_counter() + timeout

    def check(*_args: object) -> None:
        if until() or time.perf_counter() > deadline:
            loop.quit()

    timer = QTimer()
    timer.setInterval(20)
    timer.timeout.connect(check)
    for signal in signals:
        signal.connect(check)
    timer.start()
    loop.exec()
    timer.stop()
    for signal in signals:
        signal.disconnect(check)
    if not until():
        raise TimeoutError("the window did not answer in time")


def show_everyone(page: Any) -> None:
    if page.search.text():
        page.search.clear()
    else:
        page.model.refresh()


def _row(label: str, target: str, s: dict[str, float]) -> str:
    figures = " | ".join(f"{s[key]:.1f} ms" for key in ("median", "p95", "max"))
    return f"| {label} | {target} | {figures} | {s['n']:.0f} |"


def run(args: argparse.Namespace) -> None:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ["POS_CLIENTS_CONFIG_DIR"] = str(CACHE / "config")
    n = 2_000 if args.quick else int(args.customers)
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication([])
    from pos_clients.ui.directory.page import DirectoryPage
    from pos_clients.ui.tasks import TaskRunner

    db = database(n)
    # As the app does at start (`warmup.warm_in_background` in `run_app`), here at once.
    from pos_clients.data import warmup

    path = warmup.database_file(db.engine.url.render_as_string(hide_password=False))
    warmed = warmup.warm(path) if path is not None else None
    runner = TaskRunner()

    # 1. Opening the Répertoire to its first page painted.
    opening: list[float] = []
    for _ in range(5 if args.quick else 15):
        watch = PaintWatch()
        started = time.perf_counter()
        page = DirectoryPage(db, runner)
        page.view.viewport().installEventFilter(watch)
        page.resize(1200, 700)
        page.show()
        wait(app, lambda p=page, w=watch: p.model.rowCount() > 0 and w.painted, watch.painted_now)
        opening.append(time.perf_counter() - started)
        page.close()
        page.deleteLater()
        app.processEvents()

    # 2. A keystroke in the search field to the new first page in the model.
    page = DirectoryPage(db, runner)
    watch = PaintWatch()
    page.view.viewport().installEventFilter(watch)
    page.resize(1200, 700)
    page.show()
    wait(app, lambda: page.model.rowCount() > 0, page.model.search_finished)
    keystrokes: list[float] = []
    typed: list[str] = []
    rounds = 2 if args.quick else 5
    for _ in range(rounds):
        for query in QUERIES:
            cleared: list[int] = []
            total: list[int] = []
            page.model.search_finished.connect(lambda c=cleared: c.append(1))
            page.model.count_changed.connect(lambda *_a, t=total: t.append(1))
            show_everyone(page)
            wait(app, lambda c=cleared: bool(c), page.model.search_finished)
            # The same pause as between keystrokes: the whole list counted and painted.
            wait(app, lambda t=total: bool(t), page.model.count_changed)
            watch.painted = False
            page.view.viewport().update()
            wait(app, lambda: watch.painted, watch.painted_now)
            page.model.search_finished.disconnect()
            page.model.count_changed.disconnect()
            for length in range(1, len(query) + 1):
                done: list[int] = []
                counted: list[int] = []
                page.model.search_finished.connect(lambda d=done: d.append(1))
                page.model.count_changed.connect(lambda *_a, c=counted: c.append(1))
                started = time.perf_counter()
                page.search.setText(query[:length])
                wait(app, lambda d=done: bool(d), page.model.search_finished)
                keystrokes.append(time.perf_counter() - started)
                typed.append(query[:length])
                # A typist's pause: the count comes in and the rows are painted.
                wait(app, lambda c=counted: bool(c), page.model.count_changed)
                watch.painted = False
                page.view.viewport().update()
                wait(app, lambda: watch.painted, watch.painted_now)
                page.model.search_finished.disconnect()
                page.model.count_changed.disconnect()

    slowest = sorted(zip(keystrokes, typed, strict=True), reverse=True)[:5]
    slow_line = ", ".join(f"`{q}` {t * 1000:.0f} ms" for t, q in slowest)
    if os.environ.get("BENCH_UI_SKIP_SCROLL"):  # a quick look while working on the search
        k = summary_ms(keystrokes)
        print(f"keystrokes: median {k['median']:.1f} p95 {k['p95']:.1f} ms; {slow_line}")
        return

    # 3. Scrolling the whole list down, then back up: memory growth.
    cleared: list[int] = []
    page.model.search_finished.connect(lambda: cleared.append(1))
    show_everyone(page)
    wait(app, lambda: bool(cleared), page.model.search_finished)
    page.model.search_finished.disconnect()
    before = rss_mb()
    peak = before
    started = time.perf_counter()
    bar = page.view.verticalScrollBar()
    while page.model.canFetchMore():
        page.view.scrollToBottom()
        page.model.fetchMore()
        wait(app, lambda: not page.model._fetching_more, page.model.rowsInserted)
        if page.model.rowCount() % 20_000 < 50:
            peak = max(peak, rss_mb())
    down = time.perf_counter() - started
    rows = page.model.rowCount()
    started = time.perf_counter()
    steps = 400
    for step in range(steps, -1, -1):
        bar.setValue(bar.maximum() * step // steps)
        page.view.viewport().repaint()
        wait(app, lambda: not page.model._loading_pages, page.model.dataChanged)
        peak = max(peak, rss_mb())
    up = time.perf_counter() - started
    after = rss_mb()
    runner.shutdown()
    db.dispose()

    o, k = summary_ms(opening), summary_ms(keystrokes)
    warm_line = (
        f"read once into the OS cache first, as the app does at start "
        f"({warmed.bytes_read / 2**20:,.0f} MiB in {warmed.seconds:.1f} s)"
        if warmed
        else "not warmed first (too large for this machine's memory)"
    )
    body = f"""Directory of {n:,} customers on SQLite, offscreen, real worker thread; the file
{warm_line}.
Command: `scripts/bench ui_directory{" --quick" if args.quick else ""}` (or
`python -m benchmarks ui_directory --customers N`).

| measure | target | median | p95 | max | n |
|---|---|---|---|---|---|
{_row("open Répertoire → first page painted", "≤ 150 ms", o)}
{_row("keystroke → new first page in the model", "p95 ≤ 16 ms", k)}

Slowest keystrokes (text in the field after it): {slow_line}.

Scrolling: {rows:,} rows fetched page by page to the bottom in {down:.1f} s, then back to the
top in {steps} jumps in {up:.1f} s. Resident memory {before:.0f} MB before, {peak:.0f} MB at
the peak, {after:.0f} MB after: growth {peak - before:.0f} MB (target < 100 MB).

Load average when it ended: {", ".join(f"{x:.1f}" for x in os.getloadavg())}.
"""
    write_section("ui_directory", "Répertoire window (issue 3)", body)
