"""Search at a million customers (issue 2): p99 per query class, lookup by reference, the
plain LIKE scan, PostgreSQL, CSV import rows/s, demo time, peak memory of a search process.

The directory is built once by the demo into `benchmarks/.cache/` (gitignored) and reused.
Each query class is measured in a separate process (so its peak RSS is a search process's),
first page of 50 ordered by name, through `customer_search.search` as the UI calls it.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import string
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from benchmarks.report import peak_rss_mb, summary_ms, write_section

CACHE = Path(__file__).resolve().parent / ".cache"
ROOT = Path(__file__).resolve().parent.parent
CLASSES = (
    "one_letter",
    "two_letter",
    "prefix",
    "full_name",
    "accented",
    "unaccented",
    "phone_fragment",
    "email_fragment",
    "reference",
)
# The search within one customer group (the directory opened on a group from Groupes
# client): each query written `group id|text`, the text drawn from the other classes or
# empty (the group's members listed).
WITHIN_GROUP = "within_group"
_GROUP_TEXTS = ("two_letter", "prefix", "full_name", "accented", "phone_fragment", "email_fragment")
HARD_PREFIXES = ("mar", "jea", "jean", "dup", "ber", "lef", "mic", "pet", "ros", "sai", "fra")
NOTHING = "zzqxw"


def sqlite_directory(size: int) -> tuple[str, float | None]:
    """The cached demo directory of `size` customers, built when missing; its build time."""
    from pos_clients.data.database import open_database
    from pos_clients.demo.customers import fill_customers

    CACHE.mkdir(exist_ok=True)
    path = CACHE / f"search-{size}.sqlite3"
    meta = CACHE / f"search-{size}.json"
    url = f"sqlite:///{path}"
    if path.exists() and meta.exists():
        open_database(url).dispose()  # bring a cached file to the newest schema
        return url, json.loads(meta.read_text())["demo_seconds"]
    for stale in CACHE.glob(f"search-{size}.sqlite3*"):
        stale.unlink()
    db = open_database(url)
    made = fill_customers(db, size, seed=42)
    db.dispose()
    meta.write_text(json.dumps({"demo_seconds": made.seconds}))
    return url, made.seconds


def make_queries(url: str, per_class: int, seed: int = 7) -> dict[str, list[str]]:
    """Queries drawn from the directory itself, per class."""
    from sqlalchemy import text

    from pos_clients.data.database import open_database
    from pos_clients.folding import fold, words

    rng = random.Random(seed)
    db = open_database(url, migrate=False)
    with db.connection() as conn:
        top = int(conn.execute(text("SELECT max(id) FROM customer")).scalar() or 0)
        ids = [rng.randint(1, top) for _ in range(per_class * 6)]
        group_ids = list(conn.execute(text("SELECT id FROM customer_group ORDER BY id")).scalars())
        rows = [
            r
            for i in ids
            for r in conn.execute(
                text(
                    "SELECT kind, first_name, last_name, company_name, city, email, "
                    "coalesce(mobile, phone), reference, sort_key FROM customer WHERE id = :i"
                ),
                {"i": i},
            )
        ]
    db.dispose()
    q: dict[str, list[str]] = {c: [] for c in CLASSES}
    for kind, first, last, company, city, email, phone, reference, sort_key in rows:
        q["one_letter"].append(rng.choice(string.ascii_lowercase))
        q["two_letter"].append(sort_key[:2])
        pool = [w for w in words(f"{first} {last} {company} {city}") if len(w) >= 3]
        if pool:
            w = rng.choice(pool)
            q["prefix"].append(w[: rng.randint(3, min(len(w), 6))])
        if kind == "person":
            q["full_name"].append(f"{last} {first}")
        accented = [n for n in (first, last, city, company) if n and not n.isascii()]
        if accented:
            name = rng.choice(accented)
            q["accented"].append(name)
            q["unaccented"].append(fold(name))
        if phone:
            national = "0" + phone[3:] if phone.startswith("+33") else phone
            cut = rng.randint(4, 10)
            q["phone_fragment"].append(
                " ".join(national[i : i + 2] for i in range(0, cut, 2))
                if rng.random() < 0.5
                else national[:cut]
            )
        if email:
            local, _, domain = email.partition("@")
            q["email_fragment"].append(
                rng.choice((local[: max(4, len(local) // 2)] + "@", "@" + domain, email[2:12]))
            )
        if reference:
            q["reference"].append(reference)
    q["prefix"] = list(HARD_PREFIXES) + q["prefix"]
    q["email_fragment"] += ["orange.fr", "gmail.com", "@free.fr"]
    queries = {c: v[: max(per_class, len(HARD_PREFIXES))] for c, v in q.items()}
    if group_ids:
        queries[WITHIN_GROUP] = [
            f"{rng.choice(group_ids)}|{rng.choice(queries[source]) if source else ''}"
            for source in (rng.choice(("", *_GROUP_TEXTS)) for _ in range(per_class))
        ]
    return queries


def evict(path: Path) -> None:
    """Drop the file (and its log) from the operating system's cache: a cold start."""
    for file in (path, path.with_name(path.name + "-wal")):
        if file.exists():
            with file.open("rb") as f:
                os.posix_fadvise(f.fileno(), 0, 0, os.POSIX_FADV_DONTNEED)


def probe(url: str, queries_file: str, start: str = "warm") -> None:
    """Run in a child process: time every query, print JSON with samples and peak RSS.

    `start`: "warm" runs `warmup.prepare` first, as the app does at start (the file read
    once, the email trigrams counted);
    "cold" drops it from the OS cache first; "as-is" leaves the cache as it is.
    """
    from pos_clients import customers
    from pos_clients.data import customer_search, warmup
    from pos_clients.data.database import open_database

    queries: dict[str, list[str]] = json.loads(Path(queries_file).read_text())
    out: dict[str, Any] = {"samples": {}, "cpu": {}, "slowest": {}}
    path = warmup.database_file(url)
    if path is not None and start == "cold":
        evict(path)
    elif path is not None and start == "warm":
        began = time.perf_counter()
        warmed = warmup.prepare(url)
        spent = time.perf_counter() - began
        out["warmup"] = [warmed.bytes_read, warmed.seconds, spent] if warmed else None
    db = open_database(url, migrate=False)
    with db.reader() as uow:
        for warm in ("a", "mar", "0612", "orange.fr"):
            customer_search.search(uow, warm)
        for name, items in queries.items():
            samples: list[tuple[float, str]] = []
            cpu: list[float] = []
            for query in items:
                started, cpu_started = time.perf_counter(), time.thread_time()
                if name == "lookup_reference":
                    customers.find_by_reference(uow, query)
                elif name == WITHIN_GROUP:
                    group_id, _, typed = query.partition("|")
                    customer_search.search(uow, typed, limit=50, group_id=int(group_id))
                else:
                    customer_search.search(uow, query, limit=50)
                samples.append((time.perf_counter() - started, query))
                cpu.append(time.thread_time() - cpu_started)
            out["samples"][name] = [s for s, _ in samples]
            out["cpu"][name] = cpu
            out["slowest"][name] = max(samples)[1] if samples else ""
    db.dispose()
    out["peak_rss_mb"] = peak_rss_mb()
    print(json.dumps(out))


def run_probe(url: str, queries: dict[str, list[str]], start: str = "warm") -> dict[str, Any]:
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as f:
        json.dump(queries, f)
    try:
        result = subprocess.run(
            [
                sys.executable,
                "-c",
                f"from benchmarks.bench_search import probe; probe({url!r}, {f.name!r}, {start!r})",
            ],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=True,
        )
    finally:
        os.unlink(f.name)
    return dict(json.loads(result.stdout.strip().splitlines()[-1]))


def like_scan(url: str, repeat: int) -> list[float]:
    """The plain `LIKE '%text%'` scan over the same table, first page by name."""
    from sqlalchemy import text

    from pos_clients.data.database import open_database

    db = open_database(url, migrate=False)
    samples = []
    with db.connection() as conn:
        for _ in range(repeat):
            started = time.perf_counter()
            conn.execute(
                text(
                    "SELECT id FROM customer WHERE search_text LIKE :p OR email LIKE :p "
                    "ORDER BY sort_key, id LIMIT 51"
                ),
                {"p": f"%{NOTHING}%"},
            ).all()
            samples.append(time.perf_counter() - started)
    db.dispose()
    return samples


def import_speed(url: str, rows: int) -> tuple[float, float, int]:
    """(rows/s wall, rows/s CPU, rows) importing an export of `rows` demo customers."""
    import csv

    from pos_clients.data.database import open_database
    from pos_clients.directory_csv import COLUMNS, import_customers
    from pos_clients.directory_csv.exporting import _record, _statement

    source = CACHE / f"import-{rows}.csv"
    if not source.exists():
        db = open_database(url, migrate=False)
        with db.reader() as uow, source.open("w", encoding="utf-8", newline="") as out:
            writer = csv.writer(out)
            writer.writerow(COLUMNS)
            result = uow.session.execute(_statement(None, None, "sqlite").limit(rows))
            writer.writerows(_record(row, "yes", "no") for row in result)
        db.dispose()
    with tempfile.TemporaryDirectory() as tmp:
        db = open_database(f"sqlite:///{tmp}/import.sqlite3")
        wall, cpu = time.perf_counter(), time.process_time()
        report = import_customers(db, source)
        wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
        db.dispose()
    return report.imported / wall, report.imported / cpu, report.imported


def _warmup_line(warmup: list[float] | None) -> str:
    if not warmup:
        return "not run (file too large for this machine's memory)."
    line = f"{warmup[0] / 2**20:,.0f} MiB read in {warmup[1]:.1f} s"
    if len(warmup) > 2:
        line += f", then the email index's trigrams counted in {warmup[2] - warmup[1]:.1f} s"
    return line + "."


def _table(results: dict[str, Any], like: list[float] | None) -> list[str]:
    lines = [
        "| query class | n | median ms | p95 ms | p99 ms | max ms | p99 CPU ms | slowest query |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for name, samples in results["samples"].items():
        s = summary_ms(samples)
        c = summary_ms(results["cpu"][name])
        lines.append(
            f"| {name} | {s['n']} | {s['median']:.2f} | {s['p95']:.2f} | {s['p99']:.2f} | "
            f"{s['max']:.2f} | {c['p99']:.2f} | `{results['slowest'][name]}` |"
        )
    if like:
        s = summary_ms(like)
        lines.append(
            f"| plain LIKE '%{NOTHING}%' scan | {s['n']} | {s['median']:.2f} | {s['p95']:.2f} "
            f"| {s['p99']:.2f} | {s['max']:.2f} | | |"
        )
    return lines


def postgres_directory(sqlite_url: str, size: int) -> tuple[str, Any] | None:
    """A PostgreSQL copy of the directory (COPY from the SQLite file), or None."""
    from sqlalchemy import text

    from pos_clients.data.database import open_database
    from tests.helpers.postgres import PgCluster, create_database, start_cluster

    cluster = start_cluster()
    if not isinstance(cluster, PgCluster):
        print(f"PostgreSQL skipped: {cluster}")
        return None
    url = create_database(cluster, f"bench{size}")
    pg = open_database(url)
    lite = open_database(sqlite_url, migrate=False)
    columns = [
        c.name for c in __import__("pos_clients.data.tables", fromlist=["x"]).customer_table.columns
    ]
    raw = pg.engine.raw_connection()
    try:
        cur = raw.cursor()
        with lite.connection() as src:
            groups = src.execute(text("SELECT * FROM customer_group")).all()
            for g in groups:
                cur.execute(
                    "INSERT INTO customer_group (id, name, name_key, discount_bp, created_at, "
                    "updated_at) VALUES (%s, %s, %s, %s, %s, %s)",
                    tuple(g),
                )
            cur.execute("DROP INDEX ix_customer_search_trgm")
            cur.execute("DROP INDEX ix_customer_email_trgm")
            with cur.copy(f"COPY customer ({', '.join(columns)}) FROM STDIN") as copy:  # type: ignore[attr-defined]
                result = src.execution_options(yield_per=20000).execute(
                    text(f"SELECT {', '.join(columns)} FROM customer")
                )
                for row in result:
                    copy.write_row(row)
        cur.execute(
            "CREATE INDEX ix_customer_search_trgm ON customer USING gin (search_text gin_trgm_ops)"
        )
        cur.execute(
            "CREATE INDEX ix_customer_email_trgm ON customer USING gin (lower(email) gin_trgm_ops)"
        )
        cur.execute("SELECT setval('customer_id_seq', (SELECT max(id) FROM customer))")
        cur.execute("ANALYZE customer")
        raw.commit()
    finally:
        raw.close()
        lite.dispose()
        pg.dispose()
    return url, cluster


def run(args: argparse.Namespace) -> None:
    size = 3000 if args.quick else args.customers
    # 500 a class: with 150, p99 is the second-slowest query, an estimate of the maximum.
    per_class = 15 if args.quick else 500
    url, demo_seconds = sqlite_directory(size)
    queries = make_queries(url, per_class)
    queries["lookup_reference"] = list(queries["reference"])
    cold = run_probe(url, queries, "cold")
    lite = run_probe(url, queries, "warm")
    like = like_scan(url, 5 if args.quick else 20)
    nothing = run_probe(url, {"nothing": [NOTHING] * (5 if args.quick else 50)})
    nothing_ms = summary_ms(nothing["samples"]["nothing"])["median"]
    ratio = summary_ms(like)["median"] / max(nothing_ms, 1e-6)
    rows_wall, rows_cpu, imported = import_speed(url, 2000 if args.quick else 200_000)
    body = [
        f"Directory: {size:,} demo customers (SQLite file, cached in `benchmarks/.cache/`).",
        f"`demo --customers {size}` took {demo_seconds:.0f} s." if demo_seconds else "",
        "",
        "### SQLite: first page of 50 by name",
        "",
        "After the warm-up the app does at start (`pos_clients/data/warmup.py`, in the"
        " background: the file read once into the operating system's cache, then"
        " `trigram_counts`): " + _warmup_line(lite.get("warmup")),
        "",
        *_table(lite, like),
        "",
        f"`{WITHIN_GROUP}`: the search within one customer group (`group id|text`, the text"
        " taken from the other classes or empty: the group's members listed), as the directory"
        " shows it when a group is opened from Groupes client; no target.",
        "",
        "The same queries on a cold cache (the file dropped from the OS cache first, no warm-up:"
        " the first searches after a reboot, before the warm-up has run):",
        "",
        *_table(cold, None),
        "",
        f"Query matching nothing (`{NOTHING}`): {nothing_ms:.3f} ms median"
        f", {ratio:,.0f}× faster than the plain LIKE scan.",
        f"Peak RSS of the search process: {lite['peak_rss_mb']:.0f} MB.",
        "",
        f"CSV import with validation: {rows_wall:,.0f} rows/s wall, {rows_cpu:,.0f} rows/s CPU "
        f"({imported:,} rows into an empty SQLite file).",
    ]
    pg = None if args.quick and not os.environ.get("BENCH_PG") else postgres_directory(url, size)
    if pg is not None:
        pg_url, cluster = pg
        try:
            pg_result = run_probe(pg_url, queries)
        finally:
            cluster.stop()
        body += ["", "### PostgreSQL (same queries, same directory)", "", *_table(pg_result, None)]
    write_section("search", "Directory search (issue 2)", "\n".join(body))
