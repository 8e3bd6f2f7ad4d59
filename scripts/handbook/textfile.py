"""Reading the text files the office and the editors hand us: UTF-8 (with or without BOM) or
UTF-16 with a BOM (Word's "Unicode text"), always returned as NFC with '\\n' line ends.

Word writes its manual line break (Shift+Enter) as a vertical tab, and pasted text may carry U+2028
LINE SEPARATOR or U+2029 PARAGRAPH SEPARATOR: those are line breaks and become '\\n'. Any other control
character (NUL, escape…) and the invisible bidirectional overrides (which can make text display
differently from what it says) are refused with the line they are on: they are never part of a
Vietnamese text, and usually mean a damaged or mis-encoded file."""

from __future__ import annotations

import codecs
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from .fsutil import MAX_SOURCE_BYTES
from .problems import ContentError, Problem

LINE_BREAKS = str.maketrans({"\v": "\n", "\f": "\n", "\u2028": "\n", "\u2029": "\n", "\x85": "\n"})
# C0/C1 controls other than tab and line breaks, DEL, and the bidi embedding/override/isolate marks.
FORBIDDEN = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f\u202a-\u202e\u2066-\u2069]")


@dataclass(frozen=True)
class DecodedText:
    text: str
    encoding: str  # what the bytes were: "utf-8", "utf-8-sig", "utf-16"
    was_nfc: bool


def decode(data: bytes, file: Path | str) -> DecodedText:
    if len(data) > MAX_SOURCE_BYTES:
        raise _too_large(file, len(data))
    if data.startswith(codecs.BOM_UTF16_LE) or data.startswith(codecs.BOM_UTF16_BE):
        encoding = "utf-16"
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise ContentError([Problem(file, 1, f"tệp ghi là UTF-16 nhưng hỏng ở byte {exc.start}: "
                                        "hãy lưu lại dưới dạng UTF-8", "encoding")]) from None
    else:
        encoding = "utf-8-sig" if data.startswith(codecs.BOM_UTF8) else "utf-8"
        if _looks_like_bomless_utf16(data):
            raise ContentError([Problem(file, 1, "tệp có vẻ là UTF-16 không có BOM; hãy lưu lại dưới dạng "
                                        "UTF-8 (Word: Tệp > Lưu Như > Văn bản Thuần túy, rồi Mã hóa khác > "
                                        "Unicode (UTF-8))", "encoding")])
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError as exc:
            line = data[: exc.start].count(b"\n") + 1
            message = f"tệp không phải UTF-8 (byte 0x{data[exc.start]:02x}); hãy lưu lại dưới dạng UTF-8"
            raise ContentError([Problem(file, line, message, "encoding")]) from None
    text = text.replace("\r\n", "\n").replace("\r", "\n").translate(LINE_BREAKS)
    bad = [(text.count("\n", 0, m.start()) + 1, m.group()) for m in FORBIDDEN.finditer(text)]
    if bad:
        raise ContentError([Problem(file, line, f"ký tự điều khiển U+{ord(ch):04X} không được dùng trong văn bản "
                                    "(tệp hỏng hoặc dán từ nguồn lạ): hãy xóa ký tự này", "control-char")
                            for line, ch in dict(bad).items()])
    was_nfc = unicodedata.is_normalized("NFC", text)
    return DecodedText(unicodedata.normalize("NFC", text), encoding, was_nfc)


def read_text(path: Path) -> DecodedText:
    """A source file's text; unreadable files are problems, not exceptions."""
    try:
        size = path.stat().st_size
        if size > MAX_SOURCE_BYTES:
            raise _too_large(path, size)
        data = path.read_bytes()
    except OSError as exc:
        raise ContentError([Problem(path, 1, f"không đọc được tệp: {exc.strerror or exc}", "unreadable")]) from None
    return decode(data, path)


def _too_large(file: Path | str, size: int) -> ContentError:
    return ContentError([Problem(file, 1, f"tệp quá lớn ({size // 1024} KiB; tối đa {MAX_SOURCE_BYTES // 1024 // 1024} "
                                 "MiB): có chọn nhầm tệp không?", "too-large")])


def _looks_like_bomless_utf16(data: bytes) -> bool:
    sample = data[:400]
    return len(sample) >= 8 and sample.count(0) >= len(sample) // 4
