"""A local HTTP server for a built site, and the Chromium the tests and benchmarks drive."""

from __future__ import annotations

import contextlib
import functools
import http.server
import os
import shutil
import socket
import socketserver
import subprocess
import tempfile
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

# Debian's Chromium run headless as root in a closed network: no sandbox, no GPU, no background traffic.
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]


def chromium_path() -> str | None:
    """Debian's chromium (what CI installs), or a browser named by HANDBOOK_CHROMIUM; None means
    Playwright's own download (`playwright install chromium`) is used."""
    explicit = os.environ.get("HANDBOOK_CHROMIUM")
    if explicit:
        return explicit
    return "/usr/bin/chromium" if Path("/usr/bin/chromium").exists() else None


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass


class Server(socketserver.ThreadingTCPServer):
    allow_reuse_address = True
    daemon_threads = True


def serve(directory: Path) -> tuple[str, Server]:
    """Serve a folder on a free loopback port; returns its base URL and the server (call .shutdown())."""
    server = Server(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(directory)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{server.server_address[1]}", server


def launch(playwright: Any) -> Any:
    """The browser the tests use (Debian's chromium, or HANDBOOK_CHROMIUM), launched by Playwright."""
    return playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)


NGINX_CONF = """daemon off; pid {tmp}/pid; error_log {tmp}/error.log;
events {{}}
http {{ include /etc/nginx/mime.types; access_log off;
  gzip on; gzip_types text/css application/javascript application/json text/xml image/svg+xml;
  gzip_min_length 256;
  server {{ listen 127.0.0.1:{port}; root {root}; index index.html; error_page 404 /404.html; }} }}
"""


@contextlib.contextmanager
def viewport_page(browser: Any, width: int, height: int, init_script: str | None = None,
                  **options: Any) -> Iterator[Any]:
    """A new page in a browser context of its own with that viewport (and `init_script` run on every
    document), closed with its context afterwards."""
    context = browser.new_context(viewport={"width": width, "height": height}, **options)
    if init_script:
        context.add_init_script(init_script)
    try:
        yield context.new_page()
    finally:
        context.close()


def page_errors(page: Any) -> list[str]:
    """The list that collects, from now on, the page's uncaught errors and console errors."""
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    return errors


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextlib.contextmanager
def nginx(site: Path, port: int | None = None) -> Iterator[str]:
    """A built site served by Debian's nginx with gzip on a loopback port, like a real static host."""
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
