"""`pos-clients scanner list|listen` as an installer runs it, with a pty as the serial scanner."""

from __future__ import annotations

import json
import os
import select
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from pos_clients.cli import main
from tests.helpers.scanner_devices import PtyScanner

ROOT = Path(__file__).resolve().parents[2]


def read_line(stream: object, timeout: float = 15.0) -> str:
    fd = stream.fileno()  # type: ignore[attr-defined]
    ready, _, _ = select.select([fd], [], [], timeout)
    assert ready, "no output in time"
    return stream.readline()  # type: ignore[attr-defined, no-any-return]


@pytest.fixture
def pty(tmp_path: Path) -> Iterator[PtyScanner]:
    scanner = PtyScanner(tmp_path)
    yield scanner
    if scanner.master >= 0:
        scanner.unplug()


def listen(*args: str) -> subprocess.Popen[str]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "POS_CLIENTS_LANG": "fr"}
    return subprocess.Popen(
        [sys.executable, "-m", "pos_clients", "scanner", "listen", *args],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def test_listen_prints_each_code_as_json(pty: PtyScanner) -> None:
    proc = listen("--serial", str(pty.path), "--json", "--count", "2")
    try:
        assert "prête" in read_line(proc.stderr)
        pty.send(b"0400000000015\r0001")
        first = json.loads(read_line(proc.stdout))
        pty.send(b"23\r")
        second = json.loads(read_line(proc.stdout))
        assert proc.wait(15) == 0
    finally:
        proc.kill()
    assert first["code"] == "0400000000015" and second["code"] == "000123"
    assert first["source"] == f"serial:{pty.path}"
    assert first["time"].endswith("+00:00")


def test_listen_plain_until_interrupted(pty: PtyScanner) -> None:
    proc = listen("--serial", str(pty.path), "--suffix", "crlf")
    try:
        assert "prête" in read_line(proc.stderr)
        pty.send(b"ABC-42\r\n")
        assert read_line(proc.stdout) == "ABC-42\n"
        proc.send_signal(signal.SIGINT)
        assert proc.wait(15) == 0
    finally:
        proc.kill()


def test_listen_refuses_a_suffix_of_another_kind(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["scanner", "listen", "--serial", "loop://", "--suffix", "enter"]) == 2
    assert "Suffixe « enter » impossible ici" in capsys.readouterr().err


def test_list_shows_both_kinds(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["scanner", "list"]) == 0
    out = capsys.readouterr().out
    assert "Périphériques evdev :" in out and "Ports série :" in out
