"""Printers by URL: a pty as a serial printer, a device file, a refused network printer."""

from __future__ import annotations

import os
import select
import tty
from collections.abc import Iterator
from pathlib import Path

import pytest

from pos_clients.documents.escpos import ticket_bytes
from pos_clients.documents.ticket import receipt
from pos_clients.errors import ValidationError
from pos_clients.hardware.printers import (
    PrinterUnavailableError,
    parse_printer_url,
    send_to_printer,
    usb_available,
)
from tests.helpers.printing_escpos import decode_escpos
from tests.helpers.printing_invoices import zoe_invoice
from tests.helpers.printing_servers import LoopbackPrinter, free_port


@pytest.fixture
def pty_pair() -> Iterator[tuple[int, str]]:
    """The printer's end (master fd) and the till's serial port (slave path)."""
    master, slave = os.openpty()
    tty.setraw(master)
    tty.setraw(slave)
    path = os.ttyname(slave)
    yield master, path
    os.close(slave)
    os.close(master)


def _read_all(fd: int, size: int, timeout: float = 5.0) -> bytes:
    data = b""
    while len(data) < size:
        ready, _, _ = select.select([fd], [], [], timeout)
        if not ready:
            break
        data += os.read(fd, 65536)
    return data


def test_a_pty_as_a_serial_printer_gets_the_receipt(pty_pair: tuple[int, str]) -> None:
    master, path = pty_pair
    data = ticket_bytes(receipt(zoe_invoice()))
    send_to_printer(f"serial://{path}?baudrate=19200", data)
    got = _read_all(master, len(data))
    assert got == data
    assert "Mme Zoë Lefèvre-OEuvray" in decode_escpos(got).text


def test_a_device_file_gets_the_bytes(tmp_path: Path) -> None:
    device = tmp_path / "lp0"
    device.write_bytes(b"")
    send_to_printer(str(device), b"\x1b@hello\n")
    send_to_printer(f"file://{device}", b"again\n")
    assert device.read_bytes() == b"\x1b@hello\nagain\n"


def test_an_unplugged_device_is_said_so_and_no_file_is_made(tmp_path: Path) -> None:
    device = tmp_path / "lp9"
    with pytest.raises(PrinterUnavailableError, match="ne répond pas"):
        send_to_printer(str(device), b"x")
    assert not device.exists()


def test_a_switched_off_network_printer_refuses() -> None:
    with pytest.raises(PrinterUnavailableError, match="connexion refusée"):
        send_to_printer(f"tcp://127.0.0.1:{free_port()}", b"x", timeout=2)


def test_a_network_printer_receives_everything() -> None:
    printer = LoopbackPrinter().start()
    try:
        data = ticket_bytes(receipt(zoe_invoice()))
        send_to_printer(printer.url, data)
        assert printer.wait_received(1) == [data]
    finally:
        printer.stop()


def test_a_missing_serial_port_is_unavailable(tmp_path: Path) -> None:
    with pytest.raises(PrinterUnavailableError):
        send_to_printer(f"serial://{tmp_path / 'ttyUSB9'}?baudrate=9600", b"x")


@pytest.mark.parametrize(
    ("url", "scheme", "target", "port"),
    [
        ("tcp://192.168.1.50:9100", "tcp", "192.168.1.50", 9100),
        ("tcp://imprimante.local", "tcp", "imprimante.local", 9100),
        ("serial:///dev/ttyUSB0?baudrate=19200", "serial", "/dev/ttyUSB0", 0),
        ("/dev/usb/lp0", "file", "/dev/usb/lp0", 0),
        ("file:///dev/usb/lp0", "file", "/dev/usb/lp0", 0),
    ],
)
def test_printer_urls(url: str, scheme: str, target: str, port: int) -> None:
    address = parse_printer_url(url)
    assert (address.scheme, address.target, address.port) == (scheme, target, port)


@pytest.mark.parametrize(
    ("url", "says"),
    [
        ("ipp://printer", "inconnu"),
        ("tcp://:9100", "il manque la machine"),
        ("tcp://host:port", "le port n'est pas un nombre"),
        ("serial:///dev/ttyUSB0?baudrate=vite", "la vitesse"),
        ("usb://04b8", "VENDEUR:PRODUIT"),
    ],
)
def test_bad_printer_urls_say_what_is_wrong(url: str, says: str) -> None:
    with pytest.raises(ValidationError, match=says):
        parse_printer_url(url)


def test_usb_needs_pyusb() -> None:
    if usb_available():
        assert parse_printer_url("usb://04b8:0202").target == "04b8:0202"
    else:
        with pytest.raises(ValidationError, match="pyusb"):
            parse_printer_url("usb://04b8:0202")
