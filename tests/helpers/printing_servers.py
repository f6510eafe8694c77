"""Real servers on loopback for the printing and email tests: a raw-TCP receipt printer
(port 9100 style), an SMTP server (aiosmtpd), and an in-memory keyring."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Callable
from email import message_from_bytes, policy
from email.message import EmailMessage
from typing import Any

import keyring
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult
from keyring.backend import KeyringBackend

from pos_clients.data.database import Database
from pos_clients.mail.settings import SmtpSettings, save_smtp
from pos_clients.printing_settings import PrinterSettings, save_printer


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def wait_for(condition: Callable[[], bool], timeout: float = 10.0) -> None:
    """Poll `condition` until it holds (for worker threads; never a fixed sleep)."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError("condition not reached in time")
        time.sleep(0.01)


class LoopbackPrinter:
    """A network printer on 127.0.0.1: keeps the bytes of every connection, in order."""

    def __init__(self, port: int | None = None) -> None:
        self.port = port or free_port()
        self.received: list[bytes] = []
        self._server: socket.socket | None = None
        self._thread: threading.Thread | None = None
        self._lock = threading.Lock()

    @property
    def url(self) -> str:
        return f"tcp://127.0.0.1:{self.port}"

    def start(self) -> LoopbackPrinter:
        server = socket.socket()
        server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        server.bind(("127.0.0.1", self.port))
        server.listen(8)
        self._server = server
        self._thread = threading.Thread(target=self._serve, args=(server,), daemon=True)
        self._thread.start()
        return self

    def _serve(self, server: socket.socket) -> None:
        while True:
            try:
                conn, _ = server.accept()
            except OSError:
                return
            with conn:
                chunks = []
                while chunk := conn.recv(65536):
                    chunks.append(chunk)
            with self._lock:
                self.received.append(b"".join(chunks))

    def wait_received(self, count: int) -> list[bytes]:
        """The first `count` printouts, once the printer has read them to the end."""
        wait_for(lambda: len(self.received) >= count)
        return self.received[:count]

    def stop(self) -> None:
        """Switch the printer off: connections are refused from now on."""
        if self._server is not None:
            # shutdown() wakes the thread blocked in accept(); close() alone would not.
            self._server.shutdown(socket.SHUT_RDWR)
            self._server.close()
            self._server = None
        if self._thread is not None:
            self._thread.join(5)
            self._thread = None


class _Handler:
    def __init__(self, refuse: set[str]) -> None:
        self.refuse = refuse
        self.messages: list[EmailMessage] = []

    async def handle_RCPT(
        self, server: Any, session: Any, envelope: Any, address: str, options: Any
    ) -> str:
        if address in self.refuse:
            return "550 5.1.1 Mailbox unavailable"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        message = message_from_bytes(envelope.original_content, policy=policy.default)
        assert isinstance(message, EmailMessage)
        self.messages.append(message)
        return "250 Message accepted"


class LoopbackSmtp:
    """An SMTP server on 127.0.0.1 (aiosmtpd) that keeps what it accepts."""

    def __init__(
        self,
        port: int | None = None,
        refuse: set[str] | None = None,
        login: tuple[str, str] | None = None,
    ) -> None:
        self.port = port or free_port()
        self.handler = _Handler(refuse or set())
        self.login = login  # (user, password) the server asks for
        self._controller: Controller | None = None

    @property
    def messages(self) -> list[EmailMessage]:
        return self.handler.messages

    def start(self) -> LoopbackSmtp:
        options: dict[str, Any] = {}
        if self.login is not None:
            expected = (self.login[0].encode(), self.login[1].encode())

            def authenticator(*args: Any) -> AuthResult:
                data = args[-1]
                return AuthResult(success=(data.login, data.password) == expected, handled=False)

            options = {
                "auth_required": True,
                "auth_require_tls": False,
                "authenticator": authenticator,
            }
        self._controller = Controller(self.handler, hostname="127.0.0.1", port=self.port, **options)
        self._controller.start()
        return self

    def stop(self) -> None:
        if self._controller is not None:
            self._controller.stop()
            self._controller = None


class MemoryKeyring(KeyringBackend):
    """A keyring that lives in this process only: tests never touch the user's."""

    priority = 1  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.passwords: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.passwords.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.passwords[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        self.passwords.pop((service, username), None)


def use_memory_keyring() -> MemoryKeyring:
    ring = MemoryKeyring()
    keyring.set_keyring(ring)
    return ring


def set_up_smtp(db: Database, port: int, **changes: Any) -> SmtpSettings:
    settings = SmtpSettings(
        host="127.0.0.1",
        port=port,
        security="none",
        sender_name="Boulangerie Saint-Éloi",
        sender_address="factures@saint-eloi.example",
        **changes,
    )
    with db.uow() as uow:
        return save_smtp(uow, settings)


def set_up_printer(db: Database, role: str, url: str, columns: int = 42) -> PrinterSettings:
    with db.uow() as uow:
        return save_printer(uow, role, PrinterSettings(url=url, columns=columns))
