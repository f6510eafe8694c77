"""Writing the accepted records of a CSV import: customers, consents, and (SQLite) their index.

Records arrive as lists of `checking.BLOB_FIELDS` (text, "" for none) whose first field was
replaced by the group's id. On SQLite they go to the driver as they are: the statement picks
the fields it stores by number and turns "" into NULL for the nullable columns, so the
importing process builds no per-row values (`bulk_index` indexes them in batches). On
PostgreSQL they are turned back into Python values and inserted through SQLAlchemy.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, func, select

from pos_clients.customers import now
from pos_clients.data.bulk import insert_customers, insert_rows
from pos_clients.data.tables import consent_table, customer_table
from pos_clients.directory_csv.checking import BLOB_FIELDS, NULLABLE, ROW_COLUMNS, decoded_values

C = customer_table.c
Fields = list[Any]
_CONSENT = BLOB_FIELDS.index("email_consent")


class RowWriter:
    """Inserts accepted records in the caller's write transaction, chunk by chunk."""

    def __init__(self, conn: Connection, first_id: int) -> None:
        self.conn = conn
        self.sqlite = conn.dialect.name == "sqlite"
        self.next_id = first_id  # SQLite: ids are consecutive inside the write transaction
        self.stamp = now()
        # SQLAlchemy's storage format for SQLite DATETIME, as an SQL literal (our own text).
        stamp = f"'{self.stamp.strftime('%Y-%m-%d %H:%M:%S.%f')}'"
        columns = ["group_id", *ROW_COLUMNS, "created_at", "updated_at"]
        values = ["?1"]
        for name in ROW_COLUMNS:
            mark = f"?{BLOB_FIELDS.index(name) + 1}"
            values.append(f"NULLIF({mark}, '')" if name in NULLABLE else mark)
        values += [stamp, stamp]
        self._customer_sql = (
            f"INSERT INTO customer ({', '.join(columns)}) VALUES ({', '.join(values)})"
        )
        self._consent_sql = (
            "INSERT INTO marketing_consent (customer_id, channel, granted, recorded_at, source) "
            f"VALUES (?, 'email', ?, {stamp}, 'import')"
        )

    def write(self, rows: list[Fields]) -> None:
        """Insert `rows` (group id first) and their email consents."""
        if not rows:
            return
        if not self.sqlite:
            self._write_with_sqlalchemy(rows)
            return
        first = self.next_id
        # Straight to the driver, which takes each record's list of fields as it is
        # (SQLAlchemy would want a tuple made of each).
        cursor = self.conn.connection.dbapi_connection.cursor()  # type: ignore[union-attr]
        try:
            cursor.executemany(self._customer_sql, rows)
        finally:
            cursor.close()
        last = int(self.conn.scalar(select(func.max(C.id))) or 0)
        if last != first + len(rows) - 1:
            raise RuntimeError(f"bulk insert ids {first}..{last} for {len(rows)} rows")
        self.next_id = last + 1
        consents = [
            (customer_id, int(fields[_CONSENT] == "1"))
            for customer_id, fields in enumerate(rows, first)
            if fields[_CONSENT]
        ]
        if consents:
            self.conn.exec_driver_sql(self._consent_sql, consents)

    def _write_with_sqlalchemy(self, rows: list[Fields]) -> None:
        params: list[dict[str, Any]] = []
        for fields in rows:
            values = dict(zip(ROW_COLUMNS, decoded_values(fields), strict=True))
            values.update(group_id=fields[0], created_at=self.stamp, updated_at=self.stamp)
            params.append(values)
        ids = insert_customers(self.conn, params)
        consents = [
            {
                "customer_id": customer_id,
                "channel": "email",
                "granted": fields[_CONSENT] == "1",
                "recorded_at": self.stamp,
                "source": "import",
            }
            for customer_id, fields in zip(ids, rows, strict=True)
            if fields[_CONSENT]
        ]
        if consents:
            insert_rows(self.conn, consent_table, consents)
