"""Sending ready-made ESC/POS bytes to a printer given by URL.

`tcp://HOST:9100` (network printer, raw port), `serial:///dev/ttyUSB0?baudrate=19200`
(pyserial's serial_for_url, so tests use a pty), a device file (`/dev/usb/lp0` or
`file:///dev/usb/lp0`), and `usb://VENDOR:PRODUCT` (hex ids) when pyusb is installed. A printer
that is off, unplugged or refuses the connection raises PrinterUnavailableError: a fault of the
environment, and the job waits in the queue.
"""

from __future__ import annotations

import importlib.util
import os
import socket
from dataclasses import dataclass, field
from urllib.parse import parse_qsl, urlsplit

from pos_clients.errors import EnvironmentFault, ValidationError
from pos_clients.i18n import Text

DEFAULT_TCP_PORT = 9100
DEFAULT_TIMEOUT_S = 5.0


class PrinterUnavailableError(EnvironmentFault):
    """The printer did not take the bytes (off, unplugged, out of reach)."""

    def __init__(self, url: str, detail: str) -> None:
        self.url = url
        self.detail = detail
        super().__init__(
            Text(
                f"L'imprimante {url} ne répond pas ({detail}). Les tickets attendent et "
                "s'imprimeront dès qu'elle sera de retour.",
                f"The printer {url} does not answer ({detail}). The tickets are waiting and will "
                "print as soon as it is back.",
            )
        )


def _bad_url(url: str, why_fr: str, why_en: str) -> ValidationError:
    return ValidationError(
        {
            "url": Text(
                f"Adresse d'imprimante invalide « {url} » : {why_fr}. Exemples : "
                "tcp://192.168.1.50:9100, serial:///dev/ttyUSB0?baudrate=19200, /dev/usb/lp0, "
                "usb://04b8:0202.",
                f"Invalid printer address “{url}”: {why_en}. Examples: "
                "tcp://192.168.1.50:9100, serial:///dev/ttyUSB0?baudrate=19200, /dev/usb/lp0, "
                "usb://04b8:0202.",
            )
        }
    )


def usb_available() -> bool:
    return importlib.util.find_spec("usb") is not None


@dataclass(frozen=True, slots=True)
class PrinterAddress:
    """A parsed printer URL."""

    scheme: str  # "tcp" | "serial" | "file" | "usb"
    target: str  # host, device path, or VENDOR:PRODUCT
    port: int = 0
    options: dict[str, str] = field(default_factory=dict)


def parse_printer_url(url: str) -> PrinterAddress:
    """Check and split a printer URL. Raises ValidationError with a message saying what is wrong."""
    url = url.strip()
    if not url:
        raise _bad_url(url, "elle est vide", "it is empty")
    if url.startswith("/"):
        return PrinterAddress("file", url)
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    options = dict(parse_qsl(parts.query))
    if scheme == "tcp":
        if not parts.hostname:
            raise _bad_url(url, "il manque la machine", "the host is missing")
        try:
            port = parts.port or DEFAULT_TCP_PORT
        except ValueError:
            raise _bad_url(url, "le port n'est pas un nombre", "the port is not a number") from None
        return PrinterAddress("tcp", parts.hostname, port, options)
    if scheme == "serial":
        path = parts.path or parts.netloc
        if not path:
            raise _bad_url(url, "il manque le port série", "the serial port is missing")
        if "baudrate" in options and not options["baudrate"].isdigit():
            raise _bad_url(url, "la vitesse n'est pas un nombre", "the baud rate is not a number")
        return PrinterAddress("serial", path, 0, options)
    if scheme == "file":
        if not parts.path:
            raise _bad_url(url, "il manque le fichier", "the file is missing")
        return PrinterAddress("file", parts.path, 0, options)
    if scheme == "usb":
        ids = parts.netloc.split(":")
        try:
            if len(ids) != 2:
                raise ValueError
            int(ids[0], 16), int(ids[1], 16)
        except ValueError:
            raise _bad_url(
                url,
                "il faut les identifiants USB en hexadécimal, VENDEUR:PRODUIT",
                "USB ids in hexadecimal are needed, VENDOR:PRODUCT",
            ) from None
        if not usb_available():
            raise _bad_url(
                url,
                "l'impression USB directe demande pyusb, qui n'est pas installé",
                "direct USB printing needs pyusb, which is not installed",
            )
        return PrinterAddress("usb", parts.netloc, 0, options)
    raise _bad_url(url, f"type « {scheme or '?'} » inconnu", f"unknown kind “{scheme or '?'}”")


def _send_tcp(address: PrinterAddress, data: bytes, timeout: float) -> None:
    with socket.create_connection((address.target, address.port), timeout=timeout) as sock:
        sock.sendall(data)
        sock.shutdown(socket.SHUT_WR)


def _send_serial(address: PrinterAddress, data: bytes, timeout: float) -> None:
    import serial

    options = address.options
    port = serial.serial_for_url(
        address.target,
        baudrate=int(options.get("baudrate", "19200")),
        timeout=timeout,
        write_timeout=timeout,
        rtscts=options.get("rtscts", "0") in ("1", "true", "yes"),
        dsrdtr=options.get("dsrdtr", "0") in ("1", "true", "yes"),
    )
    try:
        port.write(data)
        port.flush()
    finally:
        port.close()


def _send_file(address: PrinterAddress, data: bytes) -> None:
    # O_APPEND without O_CREAT: a missing device is "unplugged", never a new plain file.
    fd = os.open(address.target, os.O_WRONLY | os.O_APPEND)
    try:
        view = memoryview(data)
        while view:
            written = os.write(fd, view)
            view = view[written:]
    finally:
        os.close(fd)


def _send_usb(address: PrinterAddress, data: bytes) -> None:
    from escpos.printer import Usb

    vendor, product = (int(x, 16) for x in address.target.split(":"))
    printer = Usb(vendor, product)
    try:
        printer._raw(data)
    finally:
        printer.close()


def send_to_printer(url: str, data: bytes, timeout: float = DEFAULT_TIMEOUT_S) -> None:
    """Send `data` to the printer at `url`.

    Raises ValidationError for a malformed URL and PrinterUnavailableError when the printer does
    not take the bytes.
    """
    address = parse_printer_url(url)
    try:
        if address.scheme == "tcp":
            _send_tcp(address, data, timeout)
        elif address.scheme == "serial":
            _send_serial(address, data, timeout)
        elif address.scheme == "file":
            _send_file(address, data)
        else:
            _send_usb(address, data)
    except PrinterUnavailableError:
        raise
    except (OSError, ImportError) as exc:
        raise PrinterUnavailableError(url, _describe(exc)) from exc
    except Exception as exc:  # pyserial's and pyusb's own errors have no common base
        raise PrinterUnavailableError(url, _describe(exc)) from exc


def _describe(exc: BaseException) -> str:
    if isinstance(exc, ConnectionRefusedError):
        return "connexion refusée / connection refused"
    if isinstance(exc, TimeoutError):
        return "délai dépassé / timed out"
    if isinstance(exc, FileNotFoundError):
        return "périphérique absent / device missing"
    return str(exc).splitlines()[0] if str(exc) else type(exc).__name__
