"""What an import of customers did: the report the command line prints and the window shows."""

from __future__ import annotations

from dataclasses import dataclass

from pos_clients.i18n import Language, Text, current_language


@dataclass(frozen=True, slots=True)
class RowProblem:
    """Why one record of the file was rejected."""

    line: int  # line of the file where the record starts (the header is line 1)
    column: str  # the field (`email`), or "" when the whole record is at fault
    header: str  # the column's header as written in the file
    text: Text

    def message(self, language: Language | None = None) -> str:
        return self.text.in_(language or current_language())


@dataclass(frozen=True, slots=True)
class ImportReport:
    """What an import did (or, on a dry run, would do)."""

    rows: int  # records read (blank lines aside)
    imported: int  # customers written (0 on a dry run or when cancelled)
    valid: int  # records that passed every check
    problems: tuple[RowProblem, ...]
    created_groups: tuple[str, ...]  # groups created (or to create, on a dry run)
    ignored_columns: tuple[str, ...]
    encoding: str
    delimiter: str
    dry_run: bool
    cancelled: bool = False
    vcard: bool = False  # a vCard file: a line is where a card begins, a column a property

    @property
    def rejected_lines(self) -> tuple[int, ...]:
        return tuple(sorted({p.line for p in self.problems}))

    @property
    def rejected(self) -> int:
        return len(self.rejected_lines)

    @property
    def exit_status(self) -> int:
        """0 when every record is valid, 1 when some were rejected (or the import cancelled)."""
        return 1 if self.problems or self.cancelled else 0
