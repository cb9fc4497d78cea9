"""Reading template, event and body files as UTF-8, with a plain message when they are not.

Files are decoded as UTF-8 without newline translation, so a CRLF template reaches the
engine intact. A file that is UTF-16 (what PowerShell's ``>`` and ``Out-File`` write by
default) or starts with a byte order mark gets a message that says so, rather than a
confusing error about its first byte: API Gateway takes templates as UTF-8 text, and a
BOM would reach the output as an invisible first character.
"""

from __future__ import annotations

from pathlib import Path

__all__ = ["TextFileError", "decode_json", "decode_text", "read_text"]

_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
_UTF8_BOM = b"\xef\xbb\xbf"


class TextFileError(ValueError):
    """A file that is not UTF-8 text; the message says what it is instead."""


def decode_text(data: bytes) -> str:
    """``data`` decoded as UTF-8; :class:`TextFileError` for UTF-16, a BOM or bad bytes."""
    if data.startswith(_UTF16_BOMS) or _looks_like_utf16(data):
        # Windows PowerShell 5.1 writes a BOM with any Unicode -Encoding (utf8 included);
        # PowerShell 6+ has utf8NoBOM (Microsoft's about_Character_Encoding).
        raise TextFileError(
            "is UTF-16, not UTF-8 (Windows PowerShell's > writes UTF-16): save it as UTF-8 "
            "without a byte order mark, e.g. with Out-File -Encoding utf8NoBOM (PowerShell 7; "
            "Windows PowerShell 5.1's -Encoding utf8 adds a BOM)"
        )
    if data.startswith(_UTF8_BOM):
        raise TextFileError(
            "starts with a byte order mark (BOM), which API Gateway would keep as an invisible "
            "first character: save it as UTF-8 without BOM"
        )
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        column = error.start - (data.rfind(b"\n", 0, error.start) + 1) + 1
        byte = data[error.start]
        try:  # what an editor saving in the Windows code page meant by it
            meant = f", {bytes([byte]).decode('cp1252')!r} in Windows-1252/Latin-1"
        except UnicodeDecodeError:
            meant = ""
        raise TextFileError(
            f"not valid UTF-8 (byte 0x{byte:02x} on line {line}, column {column}{meant}): "
            "save it as UTF-8"
        ) from None


def decode_json(data: bytes) -> str:
    """The text of a JSON file (an event, variables, a case's expected output): as
    :func:`decode_text`, but a UTF-8 byte order mark is dropped, as RFC 8259 §8.1 lets a JSON
    parser do; it is no part of the document (Windows PowerShell 5.1 writes one)."""
    return decode_text(data.removeprefix(_UTF8_BOM))


def read_text(path: Path) -> str:
    """The text of ``path`` (see :func:`decode_text`); OSError if it cannot be read."""
    return decode_text(path.read_bytes())


def _looks_like_utf16(data: bytes) -> bool:
    """UTF-16 without a BOM: every other byte of ASCII text is NUL."""
    sample = data[:200]
    return len(sample) >= 4 and (
        sample[1::2].count(0) == len(sample[1::2]) or sample[0::2].count(0) == len(sample[0::2])
    )
