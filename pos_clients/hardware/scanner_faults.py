"""Faults of a scanner (unplugged, no access, not found): the environment's fault, said so."""

from __future__ import annotations

from pos_clients.errors import EnvironmentFault
from pos_clients.i18n import Text


class ScannerUnavailable(EnvironmentFault):
    """A scanner cannot be opened or read now; the till goes on, the source keeps retrying."""

    def __init__(self, source: str, detail: str) -> None:
        self.source = source
        self.detail = detail
        super().__init__(
            Text(
                f"Douchette {source} indisponible ({detail}) : rebranchez-la, "
                "elle sera reprise d'elle-même.",
                f"Scanner {source} unavailable ({detail}): plug it back in, "
                "it will be picked up by itself.",
            )
        )


def connected_text(source: str) -> Text:
    return Text(f"Douchette {source} prête.", f"Scanner {source} ready.")
