"""CSV and vCard import and export of the customer directory (D9), for the command line and
the UI.

`import_customers` and `export_customers` need no Qt: the UI calls them from its worker
thread with a `progress(done, total)` callback and a `cancel()` check.
"""

from __future__ import annotations

from pos_clients.directory_csv.exporting import ExportReport, export_customers
from pos_clients.directory_csv.format import COLUMNS, FRENCH_HEADERS, CsvUnreadableError
from pos_clients.directory_csv.importing import import_customers
from pos_clients.directory_csv.report import ImportReport, RowProblem

__all__ = [
    "COLUMNS",
    "FRENCH_HEADERS",
    "CsvUnreadableError",
    "ExportReport",
    "ImportReport",
    "RowProblem",
    "export_customers",
    "import_customers",
]
