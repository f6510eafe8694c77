"""The one error hierarchy: every error carries a message fit for a cashier, in French and English.

`PosError` is a mistake the user can correct or a rule of the shop; `EnvironmentFault` is a
fault of the environment (printer off, database locked, disk full), not a bug, and is said so.
"""

from __future__ import annotations

from collections.abc import Mapping

from pos_clients.i18n import Language, Text, current_language


class PosError(Exception):
    """Base of every error the user may see."""

    def __init__(self, text: Text) -> None:
        super().__init__(text.fr)
        self.text = text

    def message(self, language: Language | None = None) -> str:
        return self.text.in_(language or current_language())

    def __str__(self) -> str:
        return self.message()


class ValidationError(PosError):
    """Some fields hold values the shop cannot accept; `fields` maps field name to message."""

    def __init__(self, fields: Mapping[str, Text]) -> None:
        self.fields: dict[str, Text] = dict(fields)
        first = next(iter(self.fields.values()))
        if len(self.fields) == 1:
            text = first
        else:
            text = Text(
                f"{first.fr} (et {len(self.fields) - 1} autre(s) champ(s) à corriger)",
                f"{first.en} (and {len(self.fields) - 1} more field(s) to correct)",
            )
        super().__init__(text)


class NotFoundError(PosError):
    """What was asked for does not exist (any more)."""


class DuplicateReferenceError(ValidationError):
    """A reference (loyalty card) already belongs to another customer."""

    def __init__(self, reference: str, holder_name: str, holder_id: int) -> None:
        self.reference = reference
        self.holder_name = holder_name
        self.holder_id = holder_id
        super().__init__(
            {
                "reference": Text(
                    f"La référence {reference} appartient déjà à {holder_name}.",
                    f"Reference {reference} already belongs to {holder_name}.",
                )
            }
        )


class DuplicateGroupError(ValidationError):
    def __init__(self, name: str) -> None:
        super().__init__(
            {
                "name": Text(
                    f"Un groupe client nommé « {name} » existe déjà.",
                    f"A customer group named “{name}” already exists.",
                )
            }
        )


class GroupHasMembersError(PosError):
    """A group with members cannot be deleted (G3); `member_count` says how many."""

    def __init__(self, group_name: str, member_count: int) -> None:
        self.group_name = group_name
        self.member_count = member_count
        fr_who = (
            "1 client appartient" if member_count == 1 else f"{member_count} clients appartiennent"
        )
        en_who = "1 customer belongs" if member_count == 1 else f"{member_count} customers belong"
        super().__init__(
            Text(
                f"Impossible de supprimer le groupe « {group_name} » : {fr_who} à ce groupe. "
                "Déplacez-les d'abord vers un autre groupe.",
                f"The group “{group_name}” cannot be deleted: {en_who} to it. "
                "Move them to another group first.",
            )
        )


class EnvironmentFault(PosError):
    """A fault of the environment (device, network, disk), not of the program or the user."""


class DatabaseUnavailableError(EnvironmentFault):
    def __init__(self, detail: str) -> None:
        self.detail = detail
        super().__init__(
            Text(
                f"La base de données est inaccessible ({detail}). Rien n'a été enregistré.",
                f"The database cannot be reached ({detail}). Nothing was saved.",
            )
        )


class DatabaseBusyError(EnvironmentFault):
    def __init__(self) -> None:
        super().__init__(
            Text(
                "La base de données est occupée par une autre caisse. Réessayez dans un instant ; "
                "rien n'a été perdu.",
                "The database is busy with another till. Try again in a moment; nothing was lost.",
            )
        )


class DiskFullError(EnvironmentFault):
    def __init__(self) -> None:
        super().__init__(
            Text(
                "Le disque est plein : rien n'a été enregistré. Libérez de la place et réessayez.",
                "The disk is full: nothing was saved. Free some space and try again.",
            )
        )
