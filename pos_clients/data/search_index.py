"""The search index of the directory: what text is indexed, and the DDL that keeps it in step.

Every write of a customer stores `search_text`: the folded words of its names, company,
contact, email, phones (national digits, and international ones for a number outside France:
`phone_words`), postcode, city and reference, each preceded by a space. A typed word may be
the start of an indexed word in more than one form (`word_forms`): every search looks for
each of them. The database indexes that column:

- SQLite (migration 0006 on): a contentless FTS5 table (`customer_name_fts`, unicode61 with
  prefix indexes of 1 to 6 letters, detail=none) over those words, whose rowid follows name
  order (`name_rank`: the start of the sort key, then the id), so a query reads its matches
  already sorted and stops after one page; and `customer_email_ranked`, its trigram
  counterpart over `email` for fragments of an address (since migration 0010, of
  `email_text`: the local part in lower case, the domain in upper case, the table
  case-sensitive, so that no trigram of one is found in the other). Neither keeps the size
  of each document (`columnsize=0`, migration 0008): nothing ranks by relevance, and writing
  the sizes cost an import about a twentieth of its indexing. Triggers keep both in step.
  Every search reads these two (`rowid & ID_MASK` is the customer id); migration 0007
  dropped the id-keyed tables that indexed the same text again (`search_history`).
- PostgreSQL: pg_trgm GIN indexes on `search_text` and `lower(email)`, which the planner keeps
  in step itself.

Folding happens in Python (pos_clients.folding), so both engines match the same text; this is
why no `unaccent` wrapper is needed on PostgreSQL.

SQLite batch migrations (ALTER through a table copy) drop triggers silently: a migration that
touches the `customer` table must call `recreate_triggers()` at its end.
"""

from __future__ import annotations

import string
from collections.abc import Iterable, Sequence

import phonenumbers
from sqlalchemy import Connection, text

from pos_clients.folding import words

SQLITE_TRIGGERS = ("customer_search_ai", "customer_search_ad", "customer_search_au")

# The order-preserving rowid of `customer_name_fts`: the first RANK_CHARS characters of the
# sort key as base-RANK_BASE digits, then the customer id in the low ID_BITS bits. Characters
# of RANK_ALPHABET have even digits; any other character an odd digit between its neighbours,
# after which the digits stop (0), so that a < b (by sort key, then id) implies
# name_rank(a) <= name_rank(b), ties only between keys sharing their first characters.
RANK_ALPHABET = " .0123456789abcdefghijklmnopqrstuvwxyz"
RANK_BASE = 2 * len(RANK_ALPHABET) + 2
RANK_CHARS = 6
ID_BITS = 25  # ids up to 33,554,431; RANK_BASE**RANK_CHARS << ID_BITS stays under 2**63
ID_MASK = (1 << ID_BITS) - 1


def _code(char: str) -> int:
    if not char:
        return 0
    found = RANK_ALPHABET.find(char)
    if found >= 0:
        return 2 * (found + 1)
    return 2 * sum(1 for a in RANK_ALPHABET if a < char) + 1


def key_rank(sort_key: str) -> int:
    """The name-order part of `name_rank` (shared by every key with the same beginning)."""
    total = 0
    stopped = False
    for i in range(RANK_CHARS):
        char = sort_key[i] if i < len(sort_key) else ""
        total = total * RANK_BASE + (0 if stopped else _code(char))
        stopped = stopped or (bool(char) and char not in RANK_ALPHABET)
    return total


def group_bounds(key: int) -> tuple[str, str | None]:
    """The sort keys sharing `key` (a `key_rank`): `low <= sort_key < high` (no upper bound
    when `high` is None), by code point as SQLite's BINARY collation compares UTF-8 text.

    Read back digit by digit: an even digit is a character of the alphabet; 0 means the key
    ended there (only that exact key); an odd digit stands for every character between two
    neighbours of the alphabet, followed by anything.
    """
    digits = []
    for _ in range(RANK_CHARS):
        key, digit = divmod(key, RANK_BASE)
        digits.append(digit)
    prefix = ""
    for digit in reversed(digits):
        if digit == 0:
            return prefix, prefix + "\x00"
        below = (digit - 1) // 2
        if digit % 2:
            low = prefix + (chr(ord(RANK_ALPHABET[below - 1]) + 1) if below else "\x00")
            if below < len(RANK_ALPHABET):
                return low, prefix + RANK_ALPHABET[below]
            return low, _after_prefix(prefix)
        prefix += RANK_ALPHABET[below]
    return prefix, _after_prefix(prefix)


def _after_prefix(prefix: str) -> str | None:
    """The first text greater than every text starting with `prefix` (None: no such text)."""
    while prefix and prefix[-1] == chr(0x10FFFF):
        prefix = prefix[:-1]
    return prefix[:-1] + chr(ord(prefix[-1]) + 1) if prefix else None


def name_rank(sort_key: str, customer_id: int) -> int:
    """The rowid of a customer in `customer_name_fts` (the same as the triggers' SQL)."""
    return (key_rank(sort_key) << ID_BITS) | customer_id


def _rank_sql(row: str) -> str:
    """`name_rank` as an SQL expression over `row`.sort_key and `row`.id."""
    alphabet = f"'{RANK_ALPHABET}'"
    # Characters of the alphabet below the first code point of each range outside it.
    below = " ".join(
        f"WHEN unicode({{c}}) < {ord(a)} THEN {RANK_ALPHABET.index(a)}" for a in RANK_ALPHABET
    )
    terms = []
    exact_before: list[str] = []
    for i in range(1, RANK_CHARS + 1):
        c = f"substr({row}.sort_key, {i}, 1)"
        code = (
            f"(CASE WHEN {c} = '' THEN 0 WHEN instr({alphabet}, {c}) > 0 "
            f"THEN 2 * instr({alphabet}, {c}) "
            f"ELSE 2 * (CASE {below.format(c=c)} ELSE {len(RANK_ALPHABET)} END) + 1 END)"
        )
        if exact_before:
            code = f"(CASE WHEN {' AND '.join(exact_before)} THEN {code} ELSE 0 END)"
        terms.append(f"{code} * {RANK_BASE ** (RANK_CHARS - i)}")
        exact_before.append(f"({c} = '' OR instr({alphabet}, {c}) > 0)")
    return f"(({' + '.join(terms)}) * {1 << ID_BITS} + {row}.id)"


NAME_FTS = "customer_name_fts"
EMAIL_FTS = "customer_email_ranked"
# The words the name index holds, in order: a temporary table of each SQLite connection
# (`database.py`), read by `search_ranked` to spell out a long typed word.
NAME_VOCAB = "customer_name_vocab"
NAME_VOCAB_DDL = (
    f"CREATE VIRTUAL TABLE IF NOT EXISTS temp.{NAME_VOCAB} USING fts5vocab(main, {NAME_FTS}, row)"
)
# Migration 0006 made these tables keeping document sizes; 0008 made them again without.
_NAME_FTS_OPTIONS = (
    "search_text, content='', tokenize='unicode61 remove_diacritics 2', "
    "prefix='1 2 3 4 5 6', detail='none'"
)
# Since migration 0010 the email table is case-sensitive and indexes `email_text`.
_SPLIT_TOKENIZER = "trigram case_sensitive 1"


def _email_fts_options(*, split: bool) -> str:
    tokenizer = _SPLIT_TOKENIZER if split else "trigram"
    return f"email, content='', tokenize='{tokenizer}', detail='none'"


def email_text_sql(column: str) -> str:
    """`email_text` of the address `column` as SQL (SQLite's lower() and upper() change the
    ASCII letters only, as `email_text` does). Without a CASE and a third `instr`: 0.6 µs a
    row less in an import (200,000 addresses indexed in memory: 0.51 against 0.57-0.70 s)."""
    at = f"instr({column}, '@')"
    return f"(lower(substr({column}, 1, {at})) || upper(substr({column}, {at} + 1)))"


ASCII_LOWER = str.maketrans(string.ascii_uppercase, string.ascii_lowercase)
ASCII_UPPER = str.maketrans(string.ascii_lowercase, string.ascii_uppercase)


def email_text(email: str) -> str:
    """What `customer_email_ranked` indexes of an address (migration 0010): up to its first
    `@` in lower case, the rest in upper case (ASCII letters only: LIKE ignores the case of
    those alone; text without an `@`, which email-validator never lets through, all in upper
    case), so that no trigram of the local part is found in the domain. A fragment from the
    middle of a local part (`toinette.f`) then no longer holds every trigram of each
    `antoinette.martin@orange.fr`, whose `e.f` is the domain's `E.F`."""
    at = email.find("@") + 1
    return email[:at].translate(ASCII_LOWER) + email[at:].translate(ASCII_UPPER)


def _name_fts_ddl(*, sizes: bool) -> tuple[str, ...]:
    """The ranked tables as migrations 0006 (`sizes`) and 0008 made them (0010 makes the
    email table again: `recreate_email_index`)."""
    extra = "" if sizes else ", columnsize=0"
    return (
        f"CREATE VIRTUAL TABLE {NAME_FTS} USING fts5({_NAME_FTS_OPTIONS}{extra})",
        f"CREATE VIRTUAL TABLE {EMAIL_FTS} USING fts5({_email_fts_options(split=False)}{extra})",
    )


def _email_column(*, split: bool, row: str) -> str:
    """What the email table is given of `row`'s address."""
    return email_text_sql(f"{row}.email") if split else f"{row}.email"


def _fills(*, split: bool) -> tuple[str, str]:
    """The statements indexing every customer in the ranked tables (a WHERE may follow)."""
    return (
        f"INSERT INTO {NAME_FTS}(rowid, search_text) SELECT {_rank_sql('customer')}, "
        "search_text FROM customer",
        f"INSERT INTO {EMAIL_FTS}(rowid, email) SELECT {_rank_sql('customer')}, "
        f"{_email_column(split=split, row='customer')} FROM customer",
    )


# The id-keyed tables of migrations 0001 to 0006 (table -> column; rowid = customer id),
# dropped by 0007: the triggers keep them in step while they exist (`search_history`).
BY_ID_TABLES = {"customer_fts": "search_text", "customer_email_trgm": "email"}
_RANKED_TABLES = {NAME_FTS: "search_text", EMAIL_FTS: "email"}


def _sqlite_trigger_ddl(tables: Sequence[str], *, split: bool) -> tuple[str, ...]:
    """The triggers' DDL, keeping the FTS5 tables `tables` in step (`split`: the email table
    indexes `email_text`)."""
    inserts: list[str] = []
    deletes: list[str] = []
    for table in tables:
        column = BY_ID_TABLES.get(table) or _RANKED_TABLES[table]
        new = "new.id" if table in BY_ID_TABLES else _rank_sql("new")
        old = "old.id" if table in BY_ID_TABLES else _rank_sql("old")
        if table == EMAIL_FTS:
            new_text = _email_column(split=split, row="new")
            old_text = _email_column(split=split, row="old")
        else:
            new_text, old_text = f"new.{column}", f"old.{column}"
        inserts.append(f"INSERT INTO {table}(rowid, {column}) VALUES ({new}, {new_text});")
        deletes.append(
            f"INSERT INTO {table}({table}, rowid, {column}) VALUES ('delete', {old}, {old_text});"
        )
    insert, delete = "\n".join(inserts), "\n".join(deletes)
    return (
        f"CREATE TRIGGER customer_search_ai AFTER INSERT ON customer BEGIN\n{insert}\nEND",
        f"CREATE TRIGGER customer_search_ad AFTER DELETE ON customer BEGIN\n{delete}\nEND",
        "CREATE TRIGGER customer_search_au AFTER UPDATE OF search_text, email, sort_key "
        f"ON customer BEGIN\n{delete}\n{insert}\nEND",
    )


def _fts_tables(conn: Connection) -> list[str]:
    """The FTS5 tables over `customer` this SQLite database has (ranked ones last)."""
    names = conn.execute(text("SELECT name FROM sqlite_master WHERE type = 'table'")).scalars()
    present = set(names)
    return [t for t in (*BY_ID_TABLES, *_RANKED_TABLES) if t in present]


def has_name_index(conn: Connection) -> bool:
    """Whether this SQLite database has `customer_name_fts` (migration 0006 on)."""
    if conn.dialect.name != "sqlite":
        return False
    found = conn.execute(
        text("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = :n"), {"n": NAME_FTS}
    ).first()
    return found is not None


def create_name_index(conn: Connection, *, sizes: bool = False) -> None:
    """Create and fill the ranked tables, and make the triggers keep them in step (0006, with
    the document sizes it kept; 0008, without; the email table indexing the address as
    stored until 0010)."""
    if conn.dialect.name != "sqlite":
        return
    for ddl in _name_fts_ddl(sizes=sizes):
        conn.execute(text(ddl))
    for fill in _fills(split=False):
        conn.execute(text(fill))
    recreate_triggers(conn)


def without_sizes(conn: Connection) -> bool:
    """Whether both ranked tables of this SQLite database keep no document sizes (0008)."""
    found = conn.execute(
        text("SELECT sql FROM sqlite_master WHERE name IN (:a, :b)"),
        {"a": NAME_FTS, "b": EMAIL_FTS},
    ).scalars()
    ddl = list(found)
    return len(ddl) == 2 and all("columnsize=0" in str(sql) for sql in ddl)


def email_split(conn: Connection) -> bool:
    """Whether this SQLite database's email table indexes `email_text` (migration 0010)."""
    found = conn.execute(
        text("SELECT sql FROM sqlite_master WHERE name = :n"), {"n": EMAIL_FTS}
    ).scalar()
    return _SPLIT_TOKENIZER in str(found or "")


def recreate_email_index(conn: Connection, *, split: bool) -> None:
    """Make the email table again, indexing `email_text` (`split`, migration 0010) or the
    address as stored (before), and fill it; merged into one segment at the end once the
    directory holds `OPTIMIZE_FROM` customers."""
    if not has_name_index(conn):
        return
    drop_triggers(conn)
    conn.execute(text(f"DROP TABLE {EMAIL_FTS}"))
    options = _email_fts_options(split=split)
    conn.execute(text(f"CREATE VIRTUAL TABLE {EMAIL_FTS} USING fts5({options}, columnsize=0)"))
    conn.execute(text(_fills(split=split)[1]))
    recreate_triggers(conn)
    count = conn.execute(text("SELECT count(*) FROM customer")).scalar()
    if int(count or 0) >= OPTIMIZE_FROM:
        conn.execute(text(f"INSERT INTO {EMAIL_FTS}({EMAIL_FTS}) VALUES ('optimize')"))


def recreate_name_index(conn: Connection) -> None:
    """Create the ranked tables again without document sizes and fill them (0008): FTS5
    cannot change a table's options in place. Merged into one segment each at the end, as
    after any bulk load, once the directory holds `OPTIMIZE_FROM` customers."""
    if not has_name_index(conn):
        return
    drop_triggers(conn)
    conn.execute(text(f"DROP TABLE {NAME_FTS}"))
    conn.execute(text(f"DROP TABLE {EMAIL_FTS}"))
    create_name_index(conn)
    count = conn.execute(text("SELECT count(*) FROM customer")).scalar()
    if int(count or 0) >= OPTIMIZE_FROM:
        optimize(conn)


def drop_name_index(conn: Connection) -> None:
    """Drop the ranked tables (0006's downgrade, after 0007's put the id-keyed ones back)."""
    if conn.dialect.name != "sqlite":
        return
    conn.execute(text(f"DROP TABLE IF EXISTS {NAME_FTS}"))
    conn.execute(text(f"DROP TABLE IF EXISTS {EMAIL_FTS}"))
    recreate_triggers(conn)


def drop_triggers(conn: Connection) -> None:
    """Set the SQLite triggers aside for a bulk load; `index_rows_from` (or `rebuild`) then
    `recreate_triggers` after."""
    if conn.dialect.name == "sqlite":
        for name in SQLITE_TRIGGERS:
            conn.execute(text(f"DROP TRIGGER IF EXISTS {name}"))


def recreate_triggers(conn: Connection) -> None:
    """(Re)create the SQLite triggers over the FTS5 tables there are; call at the end of any
    migration touching `customer`."""
    if conn.dialect.name != "sqlite":
        return
    drop_triggers(conn)
    tables = _fts_tables(conn)
    if tables:
        split = EMAIL_FTS in tables and email_split(conn)
        for ddl in _sqlite_trigger_ddl(tables, split=split):
            conn.execute(text(ddl))


def index_rows_from(conn: Connection, first_id: int) -> None:
    """Index, in one statement per table, the customers from `first_id` on (after a bulk load
    made with the triggers set aside, in the same transaction); then `recreate_triggers`."""
    if has_name_index(conn):
        for fill in _fills(split=email_split(conn)):
            conn.execute(text(fill + " WHERE id >= :first"), {"first": first_id})


# A bulk load of at least this many customers ends with `optimize`.
OPTIMIZE_FROM = 10_000


def optimize(conn: Connection) -> None:
    """Merge each SQLite FTS table into one segment (after a bulk load).

    A bulk load leaves every index in many segments, each of which a query must look a word
    up in; merged, prefix and trigram queries read about half as much (measured at 1,000,000
    customers: BENCHMARKS.md). Takes about 30 s at that size, in the load's transaction.
    """
    if has_name_index(conn):
        for table in _RANKED_TABLES:
            conn.execute(text(f"INSERT INTO {table}({table}) VALUES ('optimize')"))


def rebuild(conn: Connection) -> None:
    """Index every customer again in the SQLite FTS tables (after a bulk load)."""
    if has_name_index(conn):
        # A contentless table cannot 'rebuild': empty it and index every customer again.
        for table in _RANKED_TABLES:
            conn.execute(text(f"INSERT INTO {table}({table}) VALUES ('delete-all')"))
        for fill in _fills(split=email_split(conn)):
            conn.execute(text(fill))


def phone_words(e164: str | None) -> list[str]:
    """The digit strings a phone is found by: its national form (0612345678), and for a number
    outside France its international form too (32475123456). A French number's international
    form (33612345678) is not indexed, a fifth of the word index's cost: a typed word that
    may be its start is looked for in the national form as well (`word_forms`)."""
    if not e164:
        return []
    if len(e164) == 12 and e164.startswith("+33") and e164[1:].isdigit():
        # France: the national form is the trunk prefix 0 and the 9-digit number (fast path).
        return ["0" + e164[3:]]
    digits = e164.lstrip("+")
    try:
        number = phonenumbers.parse(e164, None)
    except phonenumbers.NumberParseException:
        return [digits]
    national = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.NATIONAL)
    national_digits = "".join(c for c in national if c.isdigit())
    if not national_digits or national_digits == digits:
        return [digits]
    if number.country_code == 33 and national_digits == "0" + digits[2:]:
        return [national_digits]
    return [national_digits, digits]


def word_forms(word: str) -> tuple[str, ...]:
    """The forms in which an indexed word starting with the typed `word` may be written: the
    word itself and, for digits that may begin a French number written internationally
    without its + (33 and a digit other than 0: `33612`), the national form of that
    beginning (`0612`), in which alone French phones are indexed (`phone_words`)."""
    if len(word) > 2 and word.startswith("33") and word[2] != "0" and word.isdigit():
        return (word, "0" + word[2:])
    return (word,)


def build_search_text(
    names: Iterable[str],
    email: str | None,
    phones: Iterable[str | None],
    reference: str | None,
) -> str:
    """The indexed text of one customer: folded words, each preceded by a space."""
    found: list[str] = []
    for value in names:
        found.extend(words(value))
    if email:
        found.extend(words(email))
    for phone in phones:
        found.extend(phone_words(phone))
    if reference:
        found.extend(words(reference))
    unique = list(dict.fromkeys(found))
    return " " + " ".join(unique) if unique else ""
