"""Reading the plain-text files the office hands us: UTF-8 (with or without BOM) or
UTF-16 with a BOM (Word's "Unicode text"), always returned as NFC with '\\n' line ends."""

from __future__ import annotations

import codecs
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from .problems import ContentError, Problem, display_path


@dataclass(frozen=True)
class DecodedText:
    text: str
    encoding: str  # what the bytes were: "utf-8", "utf-8-sig", "utf-16"
    was_nfc: bool


def decode(data: bytes, file: str) -> DecodedText:
    if data.startswith(codecs.BOM_UTF16_LE) or data.startswith(codecs.BOM_UTF16_BE):
        encoding = "utf-16"
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise ContentError([Problem(file, 1, f"tệp ghi là UTF-16 nhưng hỏng ở byte {exc.start}: "
                                        "hãy lưu lại dưới dạng UTF-8", "encoding")]) from exc
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
            raise ContentError([Problem(file, line, "tệp không phải UTF-8 (byte "
                                        f"0x{data[exc.start]:02x}); hãy lưu lại dưới dạng UTF-8", "encoding")]) from exc
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    was_nfc = unicodedata.is_normalized("NFC", text)
    return DecodedText(unicodedata.normalize("NFC", text), encoding, was_nfc)


def read_text(path: Path, root: Path | None = None) -> DecodedText:
    return decode(path.read_bytes(), display_path(path, root))


def _looks_like_bomless_utf16(data: bytes) -> bool:
    sample = data[:400]
    return len(sample) >= 8 and sample.count(0) >= len(sample) // 4
