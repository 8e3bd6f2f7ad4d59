"""The leadership desk started as the principal starts it (`handbook desk`), on a free port, in its own
process; stopped by its process id when the test is done."""

from __future__ import annotations

import contextlib
import os
import re
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from .web import free_port


@dataclass
class Desk:
    url: str  # http://127.0.0.1:PORT (no trailing slash)
    port: int
    process: subprocess.Popen[str]
    first_line: str  # what it printed first: the address (with ?token=… when bound beyond loopback)
    output: list[str]  # everything it printed (read continuously, so the pipe never fills)


@contextlib.contextmanager
def running_desk(root: Path, host: str = "127.0.0.1", env: dict[str, str] | None = None) -> Iterator[Desk]:
    port = free_port()
    process = subprocess.Popen([sys.executable, "-m", "handbook.cli", "--root", str(root), "desk", "--host", host,
                                "--port", str(port), "--no-browser"], stdout=subprocess.PIPE,
                               stderr=subprocess.STDOUT, text=True,
                               env={**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})})
    assert process.stdout is not None
    lines = []
    try:
        while True:  # the address line is printed before the server starts listening
            line = process.stdout.readline()
            assert line, "the desk stopped: " + "".join(lines)
            lines.append(line)
            if re.search(r"https?://", line):
                address = line.strip()
                break
        for _ in range(200):
            with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), 0.2):
                break
            time.sleep(0.05)
        threading.Thread(target=lambda: lines.extend(process.stdout), daemon=True).start()  # type: ignore[arg-type]
        yield Desk(f"http://127.0.0.1:{port}", port, process, address, lines)
    finally:
        process.terminate()
        try:
            process.wait(10)
        except subprocess.TimeoutExpired:
            process.kill()
