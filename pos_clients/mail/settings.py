"""SMTP settings (server, port, security, user, sender, message template), checked.

Kept in the shared settings table under `smtp.*`; the password never is: it lives in the
system keyring (keyring), under the service `pos-clients-smtp` and the name `user@host`.
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass, fields

from pos_clients.customer_fields import FieldError, clean_email
from pos_clients.data.database import UnitOfWork
from pos_clients.errors import EnvironmentFault, ValidationError
from pos_clients.i18n import Text
from pos_clients.shop_settings import get_setting, set_setting

KEYRING_SERVICE = "pos-clients-smtp"
SECURITY_CHOICES = ("starttls", "tls", "none")
DEFAULT_SUBJECT = "Votre facture {numero} — {boutique}"
DEFAULT_BODY = (
    "Bonjour {client},\n\n"
    "Veuillez trouver ci-joint votre facture {numero} du {date}, d'un montant de {montant}.\n\n"
    "Merci de votre visite et à bientôt !\n\n"
    "{boutique}\n"
)
PLACEHOLDERS = ("client", "numero", "date", "montant", "boutique")


@dataclass(frozen=True, slots=True)
class SmtpSettings:
    host: str = ""
    port: int = 587
    security: str = "starttls"  # "starttls" | "tls" | "none"
    user: str = ""
    sender_name: str = ""
    sender_address: str = ""
    subject: str = DEFAULT_SUBJECT
    body: str = DEFAULT_BODY

    @property
    def configured(self) -> bool:
        return bool(self.host and self.sender_address)

    @property
    def keyring_name(self) -> str:
        return f"{self.user}@{self.host}"


def _invalid(field: str, fr: str, en: str) -> ValidationError:
    return ValidationError({field: Text(fr, en)})


def check_smtp_value(name: str, value: str) -> str | int:
    """The checked value of one SMTP setting. Raises ValidationError saying what is wrong."""
    if name in ("subject", "body"):
        if not value.strip():
            raise _invalid(name, "Le modèle du message est vide.", "The message template is empty.")
        try:
            value.format(**{p: "" for p in PLACEHOLDERS})
        except (KeyError, IndexError, ValueError):
            allowed = ", ".join("{" + p + "}" for p in PLACEHOLDERS)
            raise _invalid(
                name,
                f"Modèle invalide : seules ces zones sont permises : {allowed}.",
                f"Invalid template: only these fields are allowed: {allowed}.",
            ) from None
        return value
    value = value.strip()
    if name == "host":
        if any(c.isspace() for c in value) or "/" in value:
            raise _invalid(
                "host", f"Serveur SMTP invalide : « {value} ».", f"Invalid SMTP server: “{value}”."
            )
        return value
    if name == "port":
        if not value.isdigit() or not 0 < int(value) < 65536:
            raise _invalid(
                "port",
                f"Port invalide : « {value} » (587 pour STARTTLS, 465 pour TLS).",
                f"Invalid port: “{value}” (587 for STARTTLS, 465 for TLS).",
            )
        return int(value)
    if name == "security":
        if value.lower() not in SECURITY_CHOICES:
            raise _invalid(
                "security",
                "Sécurité : starttls, tls ou none.",
                "Security: starttls, tls or none.",
            )
        return value.lower()
    if name == "sender_address":
        try:
            return clean_email(value) or ""
        except FieldError as exc:
            raise ValidationError({"sender_address": exc.text}) from None
    if name in ("user", "sender_name"):
        return value
    raise _invalid("key", f"Réglage SMTP inconnu : {name}.", f"Unknown SMTP setting: {name}.")


def load_smtp(uow: UnitOfWork) -> SmtpSettings:
    default = SmtpSettings()

    def stored(name: str) -> str:
        fallback = str(getattr(default, name))
        value = get_setting(uow, f"smtp.{name}", fallback)
        return fallback if value is None else value

    port = stored("port")
    return SmtpSettings(
        host=stored("host"),
        port=int(port) if port.isdigit() else default.port,
        security=stored("security"),
        user=stored("user"),
        sender_name=stored("sender_name"),
        sender_address=stored("sender_address"),
        subject=stored("subject") or default.subject,
        body=stored("body") or default.body,
    )


def save_smtp(uow: UnitOfWork, settings: SmtpSettings) -> SmtpSettings:
    """Check and store the SMTP settings, then commit. Raises ValidationError."""
    values = {
        f.name: check_smtp_value(f.name, str(getattr(settings, f.name))) for f in fields(settings)
    }
    checked = SmtpSettings(**values)  # type: ignore[arg-type]
    for name, value in values.items():
        set_setting(uow, f"smtp.{name}", str(value))
    uow.commit()
    return checked


class KeyringUnavailableError(EnvironmentFault):
    def __init__(self, detail: str) -> None:
        super().__init__(
            Text(
                f"Le trousseau de mots de passe du système est indisponible ({detail}) : "
                "le mot de passe SMTP n'a pas été enregistré.",
                f"The system keyring is unavailable ({detail}): the SMTP password was not saved.",
            )
        )


def smtp_password(settings: SmtpSettings) -> str | None:
    """The SMTP password from the keyring, or None (no user, or none stored)."""
    if not settings.user:
        return None
    import keyring
    from keyring.errors import KeyringError

    try:
        password = keyring.get_password(KEYRING_SERVICE, settings.keyring_name)
    except KeyringError:
        return None
    return str(password) if password is not None else None


def set_smtp_password(settings: SmtpSettings, password: str) -> None:
    """Keep the SMTP password in the keyring (never in a file). Raises KeyringUnavailableError."""
    import keyring
    from keyring.errors import KeyringError, PasswordDeleteError

    try:
        if password:
            keyring.set_password(KEYRING_SERVICE, settings.keyring_name, password)
        else:
            with contextlib.suppress(PasswordDeleteError):
                keyring.delete_password(KEYRING_SERVICE, settings.keyring_name)
    except KeyringError as exc:
        raise KeyringUnavailableError(str(exc) or type(exc).__name__) from exc
