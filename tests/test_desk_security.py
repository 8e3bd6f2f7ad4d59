"""The desk refuses what it must: a form without its CSRF token, an upload named to climb out of a folder,
an oversize upload, a file that is not what its name says, a request naming another host, and, bound
beyond loopback, any request without the token printed at start-up. Each is a real request to a real
desk process; the project copy is checked to be unchanged afterwards."""

from __future__ import annotations

import http.client
import io
import re
import uuid
from pathlib import Path

import pytest

from .support.desk import running_desk
from .support.project import copy_project


def request(port: int, method: str, path: str, body: bytes = b"", headers: dict[str, str] | None = None,
            host: str = "127.0.0.1") -> tuple[int, dict[str, str], str]:
    conn = http.client.HTTPConnection(host, port, timeout=30)
    conn.request(method, path, body=body, headers=headers or {})
    response = conn.getresponse()
    data = response.read().decode("utf-8", "replace")
    result = response.status, {k.lower(): v for k, v in response.getheaders()}, data
    conn.close()
    return result


def session(port: int) -> tuple[str, str]:
    """A session cookie and its CSRF token, as the import page hands them to a browser."""
    status, headers, html = request(port, "GET", "/nhap")
    assert status == 200
    cookie = re.search(r"desk_session=([^;]+)", headers["set-cookie"]).group(1)
    token = re.search(r'name="csrf" value="([^"]+)"', html).group(1)
    return f"desk_session={cookie}", token


def multipart(fields: dict[str, str], filename: str, content: bytes) -> tuple[bytes, str]:
    boundary = uuid.uuid4().hex
    out = io.BytesIO()
    for name, value in fields.items():
        out.write(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode())
    out.write(f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="{filename}"\r\n'
              f"Content-Type: application/octet-stream\r\n\r\n".encode())
    out.write(content + f"\r\n--{boundary}--\r\n".encode())
    return out.getvalue(), f"multipart/form-data; boundary={boundary}"


def snapshot(root: Path) -> dict[str, bytes]:
    """The project's files (not the lock, nor .cache/, where loading remembers which files were valid)."""
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()
            and ".handbook.lock" not in p.name and ".cache" not in p.relative_to(root).parts}


@pytest.fixture(scope="module")
def desk(tmp_path_factory: pytest.TempPathFactory):
    root = copy_project(tmp_path_factory.mktemp("desk-security") / "p")
    before = snapshot(root)
    with running_desk(root) as d:
        yield d, root
    assert snapshot(root) == before, "a refused request changed the project"


POSTS = ["/nhap", "/nhap/ghi", "/dich", "/xuat-ban", "/xem-truoc", "/ra-soat/quiz/dinh-kem-15mb/van-dung",
         "/ra-soat/quiz/dinh-kem-15mb/sua"]


@pytest.mark.parametrize("path", POSTS)
def test_every_form_is_refused_without_the_csrf_token(desk, path):
    d, _ = desk
    cookie, _ = session(d.port)
    for body in (b"", b"csrf=wrong&year=2023-2024"):
        status, _, _ = request(d.port, "POST", path, body, {"Cookie": cookie,
                                                               "Content-Type": "application/x-www-form-urlencoded"})
        assert status == 403, (path, body)


def test_a_form_from_another_site_is_refused(desk):
    d, _ = desk
    cookie, token = session(d.port)
    status, _, _ = request(d.port, "POST", "/dich", f"csrf={token}".encode(),
                           {"Cookie": cookie, "Origin": "http://evil.example",
                            "Content-Type": "application/x-www-form-urlencoded"})
    assert status == 403


def test_a_review_is_refused_without_the_item_page_nonce(desk):
    d, _ = desk
    cookie, token = session(d.port)
    status, _, _ = request(d.port, "POST", "/ra-soat/quiz/dinh-kem-15mb/van-dung",
                           f"csrf={token}&nonce=guess&seen=x".encode(),
                           {"Cookie": cookie, "Content-Type": "application/x-www-form-urlencoded"})
    assert status == 403


@pytest.mark.parametrize("filename", ["../../regulations/evil.txt", "..\\..\\evil.txt", "/etc/passwd.txt",
                                      "a/../../b.docx"])
def test_a_path_in_the_upload_name_is_refused(desk, filename):
    d, root = desk
    cookie, token = session(d.port)
    body, kind = multipart({"csrf": token}, filename, "Số: 1\n".encode())
    status, _, html = request(d.port, "POST", "/nhap", body, {"Cookie": cookie, "Content-Type": kind})
    assert status == 400 and "Tên tệp không hợp lệ" in html
    assert not (root.parent / "evil.txt").exists() and not (root / "regulations" / "evil.txt").exists()


def test_an_oversize_upload_is_refused_before_it_is_read(desk):
    d, _ = desk
    cookie, token = session(d.port)
    body, kind = multipart({"csrf": token}, "big.txt", b"a" * (6 * 1024 * 1024))
    status, _, html = request(d.port, "POST", "/nhap", body, {"Cookie": cookie, "Content-Type": kind})
    assert status == 413 and "5 MB" in html


@pytest.mark.parametrize("filename,content", [
    ("quyet-dinh.docx", "Số: 24/QĐ-THTA\nđây là văn bản thuần đổi tên".encode()),
    ("quyet-dinh.docx", b"PK\x03\x04" + b"\0" * 200),  # a ZIP header, but no Word document inside
    ("quyet-dinh.txt", b"PK\x03\x04" + b"\0" * 200),  # a package renamed .txt
    ("quyet-dinh.pdf", b"%PDF-1.7"),
])
def test_a_file_that_is_not_what_its_name_says_is_refused(desk, filename, content):
    d, _ = desk
    cookie, token = session(d.port)
    body, kind = multipart({"csrf": token}, filename, content)
    status, _, html = request(d.port, "POST", "/nhap", body, {"Cookie": cookie, "Content-Type": kind})
    assert status == 415, html


def test_another_host_name_is_refused_on_loopback(desk):
    d, _ = desk
    status, _, _ = request(d.port, "GET", "/", headers={"Host": f"attacker.example:{d.port}"})
    assert status == 400
    assert request(d.port, "GET", "/", headers={"Host": f"localhost:{d.port}"})[0] == 200


def test_pages_forbid_scripts_from_elsewhere(desk):
    d, _ = desk
    status, headers, _ = request(d.port, "GET", "/")
    assert status == 200 and "script-src 'self'" in headers["content-security-policy"]
    assert "httponly" in headers["set-cookie"].lower() and "samesite=strict" in headers["set-cookie"].lower()


def test_beyond_loopback_every_request_needs_the_token(tmp_path):
    root = copy_project(tmp_path / "p")
    with running_desk(root, host="0.0.0.0") as d:
        token = re.search(r"\?token=([\w-]+)", d.first_line).group(1)
        for path in ("/", "/nhap", "/static/desk.css", "/xem-truoc/"):
            status, _, body = request(d.port, "GET", path, headers={"Host": f"192.0.2.10:{d.port}"})
            assert status == 403 and "token" in body and "mã truy cập" in body, path
        assert request(d.port, "GET", "/?token=wrong")[0] == 403
        status, headers, _ = request(d.port, "GET", f"/?token={token}")
        assert status == 303 and "token" not in headers["location"]
        cookie = re.search(r"desk_token=([^;]+)", headers["set-cookie"]).group(0)
        assert request(d.port, "GET", "/", headers={"Cookie": cookie})[0] == 200
