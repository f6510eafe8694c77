"""Handing one message to the SMTP server, and telling a temporary failure from a refusal.

A server that is down, a timeout or a 4xx answer is temporary (the outbox retries later); a
5xx answer is a permanent refusal (the message is marked failed and shown in the History).
"""

from __future__ import annotations

import smtplib
import ssl
from email.message import EmailMessage

from pos_clients.errors import EnvironmentFault, PosError
from pos_clients.i18n import Text
from pos_clients.mail.settings import SmtpSettings

TIMEOUT_S = 20.0


class MailServerUnavailableError(EnvironmentFault):
    """Temporary: the server is down, unreachable, or said "try again later" (4xx)."""

    def __init__(self, detail: str) -> None:
        self.detail = detail
        super().__init__(
            Text(
                f"Le serveur d'e-mail ne répond pas ({detail}). Le message partira plus tard.",
                f"The mail server does not answer ({detail}). The message will go later.",
            )
        )


class MailRefusedError(PosError):
    """Permanent: the server refused the message or the address (5xx)."""

    def __init__(self, code: int, detail: str) -> None:
        self.code = code
        self.detail = detail
        super().__init__(
            Text(
                f"Le serveur d'e-mail a refusé le message ({code} {detail}). Corrigez l'adresse "
                "ou les réglages, puis renvoyez-le.",
                f"The mail server refused the message ({code} {detail}). Correct the address or "
                "the settings, then send it again.",
            )
        )


class MailLoginError(EnvironmentFault):
    """The server refused the login (or asks for one and no password is known): a matter of
    settings, not of the message, which waits until the settings are corrected."""

    def __init__(self, detail: str) -> None:
        self.detail = detail
        super().__init__(
            Text(
                f"Le serveur d'e-mail refuse l'identification ({detail}). Vérifiez l'utilisateur "
                "et le mot de passe dans Réglages › E-mail ; les messages attendent.",
                f"The mail server refuses the login ({detail}). Check the user and password in "
                "Settings › Email; the messages are waiting.",
            )
        )


class MailNotConfiguredError(PosError):
    def __init__(self) -> None:
        super().__init__(
            Text(
                "L'envoi des e-mails n'est pas réglé (serveur SMTP et adresse d'expéditeur).",
                "Sending email is not set up (SMTP server and sender address).",
            )
        )


def _decode(value: bytes | str) -> str:
    text = value.decode("utf-8", "replace") if isinstance(value, bytes) else value
    return text.strip().splitlines()[0] if text.strip() else ""


def deliver(
    settings: SmtpSettings,
    password: str | None,
    message: EmailMessage,
    *,
    timeout: float = TIMEOUT_S,
) -> None:
    """Send `message`. Raises MailServerUnavailableError (retry), MailRefusedError (do not)."""
    if not settings.configured:
        raise MailNotConfiguredError()
    if settings.user and not password:
        raise MailLoginError("mot de passe absent du trousseau / no password in the keyring")
    try:
        client: smtplib.SMTP
        if settings.security == "tls":
            client = smtplib.SMTP_SSL(
                settings.host,
                settings.port,
                timeout=timeout,
                context=ssl.create_default_context(),
            )
        else:
            client = smtplib.SMTP(settings.host, settings.port, timeout=timeout)
        with client:
            if settings.security == "starttls":
                client.starttls(context=ssl.create_default_context())
            if settings.user and password:
                client.login(settings.user, password)
            client.send_message(message)
    except smtplib.SMTPAuthenticationError as exc:
        raise MailLoginError(f"{exc.smtp_code} {_decode(exc.smtp_error)}") from exc
    except smtplib.SMTPRecipientsRefused as exc:
        code, detail = next(iter(exc.recipients.values()))
        raise _by_code(code, _decode(detail)) from exc
    except smtplib.SMTPResponseException as exc:
        raise _by_code(exc.smtp_code, _decode(exc.smtp_error)) from exc
    except smtplib.SMTPNotSupportedError as exc:
        raise MailRefusedError(
            530, f"le serveur ne propose pas STARTTLS / no STARTTLS: {exc}"
        ) from exc
    except (OSError, smtplib.SMTPException) as exc:
        raise MailServerUnavailableError(str(exc) or type(exc).__name__) from exc


def _by_code(code: int, detail: str) -> PosError:
    if code in (530, 534, 535, 538):  # authentication required, too weak, failed, TLS needed
        return MailLoginError(f"{code} {detail}")
    if 500 <= code < 600:
        return MailRefusedError(code, detail)
    return MailServerUnavailableError(f"{code} {detail}")
