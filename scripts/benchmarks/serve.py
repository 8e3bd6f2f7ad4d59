"""What the benchmarks share: a built site served by Debian's nginx with gzip on a loopback port, like
a real static host, and the Chromium the tests use."""

from __future__ import annotations

import contextlib
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
from tests.conftest import chromium_path  # noqa: E402

NGINX_CONF = """daemon off; pid {tmp}/pid; error_log {tmp}/error.log;
events {{}}
http {{ include /etc/nginx/mime.types; access_log off;
  gzip on; gzip_types text/css application/javascript application/json text/xml image/svg+xml;
  gzip_min_length 256;
  server {{ listen 127.0.0.1:{port}; root {root}; index index.html; error_page 404 /404.html; }} }}
"""


def chromium(playwright: Any) -> Any:
    """The browser the tests use (Debian's chromium, or HANDBOOK_CHROMIUM), launched by Playwright."""
    return playwright.chromium.launch(executable_path=chromium_path(), args=[
        "--no-sandbox", "--disable-gpu", "--disable-background-networking"])


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def nginx(site: Path, port: int | None = None) -> Iterator[str]:
    binary = shutil.which("nginx") or "/usr/sbin/nginx"
    if not Path(binary).exists():
        raise SystemExit("nginx is needed: apt-get install nginx-light")
    port = port or free_port()
    with tempfile.TemporaryDirectory() as tmp:
        conf = Path(tmp) / "nginx.conf"
        conf.write_text(NGINX_CONF.format(tmp=tmp, port=port, root=site.resolve()))
        proc = subprocess.Popen([binary, "-c", str(conf)], stderr=subprocess.DEVNULL)
        try:
            for _ in range(100):
                with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), 0.1):
                    break
                time.sleep(0.05)
            yield f"http://127.0.0.1:{port}"
        finally:
            proc.terminate()
            proc.wait(5)
