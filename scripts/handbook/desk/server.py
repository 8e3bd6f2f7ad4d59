"""`handbook desk`: start the desk on this computer (or, with a token, on the school's network)."""

from __future__ import annotations

import argparse
import errno
import secrets
import socket
import threading
import webbrowser
from pathlib import Path
from typing import Any

DEFAULT_PORT = 8765


def free_port(host: str, start: int, tries: int = 20) -> int | None:
    """`start`, or the next port that is free on `host`."""
    for port in range(start, start + tries):
        family = socket.AF_INET6 if ":" in host else socket.AF_INET
        with socket.socket(family, socket.SOCK_STREAM) as s:
            try:
                s.bind((host, port))
            except socket.gaierror:
                raise
            except OSError as exc:  # in use (EADDRINUSE here, WSAEADDRINUSE on Windows) or reserved: the next one
                if exc.errno == errno.EADDRNOTAVAIL:  # the address is not this computer's: no port will do
                    raise
                continue
            return port
    return None


def add_parser(sub: Any) -> None:
    s = sub.add_parser("desk", help="mở Bàn làm việc của Ban giám hiệu trong trình duyệt")
    s.add_argument("--host", default="127.0.0.1", help="địa chỉ lắng nghe (mặc định 127.0.0.1: chỉ máy này; "
                   "địa chỉ khác thì cần mã truy cập in ra khi khởi động)")
    s.add_argument("--port", type=int, default=None, help=f"cổng (mặc định {DEFAULT_PORT} hoặc cổng trống kế tiếp)")
    s.add_argument("--no-browser", action="store_true", help="không tự mở trình duyệt")
    s.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    import uvicorn

    from .app import create_app
    from .security import is_loopback

    root: Path = args.root
    host: str = args.host
    try:
        port = args.port if args.port is not None else free_port(host, DEFAULT_PORT)
    except OSError as exc:
        print(f"--host: không lắng nghe được ở {host}: {exc.strerror or exc} [bad-host]")
        return 2
    if port is None:
        print(f"--port: không còn cổng trống từ {DEFAULT_PORT}; chọn cổng khác bằng --port [no-port]")
        return 2
    token = None if is_loopback(host) else secrets.token_urlsafe(24)
    shown = "127.0.0.1" if host in ("0.0.0.0", "::") else host
    url = f"http://{'[' + shown + ']' if ':' in shown else shown}:{port}/"
    if token:
        url += f"?token={token}"
        print("Bàn làm việc mở cho cả mạng: chỉ ai có đường dẫn kèm mã dưới đây mới vào được.")
    print(f"Bàn làm việc của Ban giám hiệu: {url}", flush=True)
    print("Đóng cửa sổ này (hoặc Ctrl+C) để tắt.", flush=True)
    if not args.no_browser:
        threading.Timer(1.0, lambda: webbrowser.open(url)).start()
    config = uvicorn.Config(create_app(root, host, port, token), host=host, port=port, log_level="warning",
                            access_log=False, server_header=False)
    uvicorn.Server(config).run()
    return 0
