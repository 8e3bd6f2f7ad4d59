"""Result emails as a mail client exports them: `.eml` files and `.mbox` files (Thunderbird's
folders have no extension: any file given by name that starts with "From " is read as an mbox).

Bodies are decoded by the standard library (quoted-printable, base64, charsets); text/plain and
text/html parts are both searched (a client may send HTML only), and a message attached to a
message (a forward "as attachment") counts as sent by its own sender. The result lines themselves
are found and checked by resultline.py.
"""

from __future__ import annotations

import email
import email.utils
import mailbox
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime
from email import policy
from email.message import EmailMessage
from html.parser import HTMLParser
from pathlib import Path

from ..problems import Problem, display_path
from .resultline import PREFIX, Result, find_results

MAIL_SUFFIXES = (".eml", ".mbox", ".mbx")
OLE_MAGIC = b"\xd0\xcf\x11\xe0"  # Outlook's .msg is an OLE compound file, not a MIME message
OUTLOOK_HINT = "mở thư trong Outlook trên web và chọn Tải xuống (.eml), hoặc chuyển tiếp thư sang hộp thư khác"
HEADERS = ("from", "to", "date", "subject", "message-id", "received", "mime-version")


@dataclass(frozen=True)
class Received:
    """One result line found in one message."""

    file: str
    line: int  # in the file: the result line when it can be located, else the message's first line
    sender: str  # address, lower case ("" if the message has none)
    sender_name: str
    subject: str
    sent: datetime | None
    result: Result

    @property
    def where(self) -> str:
        return f"{self.file}:{self.line}"


@dataclass
class Inbox:
    received: list[Received] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    files: int = 0
    messages: int = 0
    without_result: int = 0


def read_sources(paths: list[Path], root: Path | None = None) -> Inbox:
    inbox = Inbox()
    for path in paths:
        if path.is_dir():
            files = sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in MAIL_SUFFIXES)
            outlook = sum(1 for p in path.rglob("*.msg") if p.is_file())
            if outlook:
                inbox.problems.append(Problem(display_path(path, root), 1, f"bỏ qua {outlook} tệp .msg của Outlook: "
                                              f"{OUTLOOK_HINT}", "outlook-msg", "warning"))
            if not files:
                inbox.problems.append(Problem(display_path(path, root), 1, "thư mục không có tệp .eml hay .mbox nào",
                                              "no-mail"))
            for file in files:
                _read_file(file, root, inbox)
        elif path.exists():
            _read_file(path, root, inbox)
        else:
            inbox.problems.append(Problem(display_path(path, root), 1, "không có tệp hay thư mục này", "no-mail"))
    return inbox


def _read_file(path: Path, root: Path | None, inbox: Inbox) -> None:
    file = display_path(path, root)
    try:
        data = path.read_bytes()
    except OSError as exc:
        inbox.problems.append(Problem(file, 1, f"không đọc được tệp: {exc.strerror or exc}", "unreadable"))
        return
    if data.startswith(OLE_MAGIC):
        inbox.problems.append(Problem(file, 1, f"tệp .msg của Outlook, không phải .eml: {OUTLOOK_HINT}",
                                      "outlook-msg"))
        return
    inbox.files += 1
    if data.startswith(b"From "):
        _read_mbox(path, file, data, inbox)
        return
    before = len(inbox.received)
    if _read_message(data, file, 1, inbox) and len(inbox.received) == before:
        inbox.problems.append(Problem(file, 1, "thư không có dòng kết quả (" + PREFIX + "|…)", "no-result",
                                      "warning"))


def _read_mbox(path: Path, file: str, data: bytes, inbox: Inbox) -> None:
    # mailbox.mbox starts a message at every line beginning "From " (body lines are escaped ">From "):
    # counting those lines the same way gives each message's line in the file.
    starts = [n for n, line in enumerate(data.split(b"\n"), 1) if line.startswith(b"From ")]
    box = mailbox.mbox(path, create=False)
    try:
        empty = 0
        for n, key in enumerate(box.iterkeys()):
            found = len(inbox.received)
            _read_message(box.get_bytes(key), file, starts[n] + 1 if n < len(starts) else 1, inbox)
            empty += len(inbox.received) == found
        if empty:
            inbox.problems.append(Problem(file, 1, f"{empty} thư không có dòng kết quả ({PREFIX}|…): bỏ qua",
                                          "no-result", "warning"))
    finally:
        box.close()


def _read_message(data: bytes, file: str, first_line: int, inbox: Inbox) -> bool:
    """Results of one message; False (and a problem) if the bytes are not an email at all."""
    msg = email.message_from_bytes(data, policy=policy.default)
    if not any(h in msg for h in HEADERS):
        inbox.problems.append(Problem(file, first_line, "không phải thư điện tử (không có dòng tiêu đề From:, "
                                      "Date:, Subject:…)", "not-email"))
        return False
    inbox.messages += 1
    seen: set[str] = set()
    search_from = 0
    for owner, texts in _texts(msg):
        for found in (f for text in texts for f in find_results(text)):
            if found.result.raw in seen:  # the same line in the plain and the HTML part
                continue
            seen.add(found.result.raw)
            line, search_from = _locate(data, search_from, first_line)
            address, name = _sender(owner)
            inbox.received.append(Received(file, line, address, name, _header(owner, "subject"),
                                            _date(owner), found.result))
    return True


def _locate(data: bytes, start: int, first_line: int) -> tuple[int, int]:
    """The file line of the next result line in the raw message (its prefix survives quoted-printable;
    not base64, where the message's first line is given instead)."""
    at = data.find(PREFIX.encode("ascii"), start)
    if at < 0:
        return first_line, start
    return first_line + data.count(b"\n", 0, at), at + 1


def _texts(msg: EmailMessage) -> Iterator[tuple[EmailMessage, list[str]]]:
    """For this message and each message attached to it: (the message whose sender counts, its texts).
    The texts are the plain parts, or the HTML parts when there is no plain one with a result line:
    the HTML alternative repeats the plain text, and a client may have re-wrapped its source."""
    plain: list[str] = []
    html: list[str] = []
    attached: list[EmailMessage] = []

    def visit(part: EmailMessage) -> None:
        ctype = part.get_content_type()
        if ctype == "message/rfc822":
            inner = part.get_payload()
            attached.extend(m for m in (inner if isinstance(inner, list) else [inner]) if isinstance(m, EmailMessage))
        elif part.is_multipart():
            for sub in part.iter_parts():
                visit(sub)  # type: ignore[arg-type]
        elif ctype == "text/plain":
            plain.append(_content(part))
        elif ctype == "text/html":
            html.append(_html_text(_content(part)))

    visit(msg)
    yield msg, plain if any(find_results(t) for t in plain) else html
    for inner in attached:
        yield from _texts(inner)


def _content(part: EmailMessage) -> str:
    try:
        return str(part.get_content())
    except (LookupError, ValueError, AssertionError):  # unknown charset, broken encoding
        payload = part.get_payload(decode=True)
        return payload.decode("utf-8", "replace") if isinstance(payload, bytes) else ""


class _HtmlText(HTMLParser):
    BREAKS = {"br", "p", "div", "li", "tr", "td", "th", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre",
              "table", "ul", "ol"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skip = 0
        self.quote = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "style", "head"):
            self.skip += 1
        if tag == "blockquote":
            self.quote += 1
        if tag in self.BREAKS:
            self.parts.append("\n" + "> " * self.quote)

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style", "head"):
            self.skip = max(0, self.skip - 1)
        if tag == "blockquote":
            self.quote = max(0, self.quote - 1)
        if tag in self.BREAKS:
            self.parts.append("\n" + "> " * self.quote)

    def handle_data(self, data: str) -> None:
        if not self.skip:
            # Whitespace in HTML source is one space wherever the client wrapped or indented it.
            self.parts.append(re.sub(r"[ \t\r\n]+", " ", data))


def _html_text(html: str) -> str:
    parser = _HtmlText()
    parser.feed(html)
    parser.close()
    return "".join(parser.parts)


def _header(msg: EmailMessage, name: str) -> str:
    try:
        return str(msg.get(name, "") or "")
    except (ValueError, IndexError):
        return ""


def _sender(msg: EmailMessage) -> tuple[str, str]:
    try:
        header = msg.get("from")
        addresses = getattr(header, "addresses", ())
        if addresses:
            return addresses[0].addr_spec.lower(), addresses[0].display_name
    except (ValueError, IndexError, AttributeError):
        pass
    name, address = email.utils.parseaddr(_header(msg, "from"))
    return address.lower(), name


def _date(msg: EmailMessage) -> datetime | None:
    try:
        header = msg.get("date")
        return getattr(header, "datetime", None)
    except (ValueError, IndexError, TypeError):
        return None
