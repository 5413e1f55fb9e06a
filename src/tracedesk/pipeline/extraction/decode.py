"""Decode HTML bytes in whatever encoding they came in, trusting no declaration blindly.

Pages reach us as UTF-8, cp1251, koi8-r and worse, often with a charset header or ``<meta>``
that is wrong. The cascade:

1. Refuse empty input and binary formats (NUL bytes, image/archive/PDF signatures).
2. A byte-order mark decides.
3. Valid UTF-8 with non-ASCII text decides (other encodings almost never produce it).
4. Otherwise decode with each candidate (declared, ``<meta>``, cp1251, koi8-r, cp1252) and keep
   the one whose letters look most like real text; the declaration wins ties.
"""

from __future__ import annotations

import codecs
import re
import unicodedata

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"%PDF", "a PDF document"),
    (b"\x89PNG", "a PNG image"),
    (b"GIF8", "a GIF image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"PK\x03\x04", "a ZIP archive"),
    (b"\x1f\x8b", "gzip-compressed data"),
    (b"\x7fELF", "an executable"),
    (b"RIFF", "a RIFF media file"),
)
_META_CHARSET = re.compile(rb"""<meta[^>]*?charset\s*=\s*["']?\s*([a-zA-Z0-9_.:-]+)""", re.I)
_XML_ENCODING = re.compile(rb"""<\?xml[^>]*encoding\s*=\s*["']([a-zA-Z0-9_.:-]+)""", re.I)
_FALLBACKS = ("cp1251", "koi8_r", "cp1252")
# Unicode category Cc (C0, DEL, C1) less tab, line feed, carriage return and form feed.
_CONTROLS = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")
# Relative frequency (per mille) of Russian/Ukrainian lowercase letters: right decodings of
# Cyrillic text are dominated by the common ones; wrong ones by rare letters and capitals.
_CYRILLIC_FREQ = dict(
    zip(
        "оеаинтсрвлкмдпуяызьбгчйхжюшцщэфъёіїєґ",
        (
            110,
            85,
            80,
            70,
            67,
            63,
            55,
            47,
            45,
            44,
            35,
            32,
            30,
            28,
            26,
            20,
            19,
            16,
            17,
            16,
            17,
            14,
            12,
            10,
            9,
            6,
            6,
            5,
            4,
            3,
            3,
            1,
            1,
            30,
            6,
            4,
            1,
        ),
        strict=True,
    )
)
_COMMON_LATIN = set("éèàáçüöäñíóúâêôîßëïãõ")


def decode_html(raw: bytes, declared: str | None = None) -> str:
    """Decode page bytes to text; raise ValueError naming the problem when they are not text."""
    if not raw.strip():
        raise ValueError("empty input: no bytes to decode")
    for bom, encoding in _BOMS:
        if raw.startswith(bom):
            return raw[len(bom) :].decode(encoding, errors="replace")
    head = raw[:16]
    for signature, what in _SIGNATURES:
        if head.startswith(signature):
            raise ValueError(f"binary input: looks like {what}, not HTML or text")
    if b"\x00" in raw[:4096]:
        return _decode_utf16_or_refuse(raw)
    utf8 = _as_utf8(raw)
    if utf8 is not None:
        return _checked(utf8)
    best_text, best_score = "", float("-inf")
    for encoding in _candidates(raw, declared):
        text = raw.decode(encoding, errors="replace")
        score = _plausibility(text)
        if score > best_score:
            best_text, best_score = text, score
    return _checked(best_text)


def _decode_utf16_or_refuse(raw: bytes) -> str:
    """Accept BOM-less UTF-16 (every other byte NUL); other bytes with NULs are binary."""
    sample = raw[:4096]
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    if odd > 0.4 * len(sample) / 2 and even < 0.05 * len(sample) / 2:
        return _checked(raw.decode("utf-16-le", errors="replace"))
    if even > 0.4 * len(sample) / 2 and odd < 0.05 * len(sample) / 2:
        return _checked(raw.decode("utf-16-be", errors="replace"))
    raise ValueError("binary input: contains NUL bytes, not HTML or text")


def _as_utf8(raw: bytes) -> str | None:
    """Return the UTF-8 reading when the bytes are (nearly all) valid UTF-8, else None."""
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as error:
        if error.start >= len(raw) - 3:  # a multi-byte character cut off by truncation
            return raw[: error.start].decode("utf-8")
    text = raw.decode("utf-8", errors="replace")
    broken = text.count("\ufffd")
    valid = sum(1 for ch in text if ord(ch) > 127) - broken
    return text if valid >= 50 * broken else None


def _normalise(name: str | None) -> str | None:
    """Map a charset label to Python's codec name, or None when Python does not know it."""
    if not name:
        return None
    try:
        codec = codecs.lookup(name.strip().strip("\"'").lower()).name
    except LookupError:
        return None
    # HTML5: a page that reached us as ASCII-compatible bytes cannot really be UTF-16/32.
    return None if codec.startswith(("utf-16", "utf-32")) else codec


def _candidates(raw: bytes, declared: str | None) -> list[str]:
    """List encodings to try, declared first (it wins ties), without duplicates."""
    head = raw[:8192]
    found = [m.group(1).decode("ascii", "ignore") for m in _META_CHARSET.finditer(head)]
    found += [m.group(1).decode("ascii", "ignore") for m in _XML_ENCODING.finditer(head[:200])]
    names = [_normalise(declared), *(_normalise(n) for n in found), *_FALLBACKS]
    ordered: list[str] = []
    for name in names:
        if name and name != "utf-8" and name not in ordered:
            ordered.append(name)
    return ordered


def _plausibility(text: str) -> float:
    """Score how much a decoding looks like real text: common letters up, oddities down."""
    score = 0.0
    previous = " "
    for ch in text:
        if ord(ch) < 128:
            previous = ch
            continue
        lower = ch.lower()
        if lower in _CYRILLIC_FREQ:
            score += _CYRILLIC_FREQ[lower] / 50 if ch == lower else 0.1
            if ch != lower and previous.isalpha() and previous.islower():
                score -= 2.0  # a capital inside a word: the case bit is wrong
            if previous.isascii() and previous.isalpha():
                score -= 2.0  # Latin and Cyrillic glued in one word
        elif ch == "\ufffd":
            score -= 5.0
        elif lower in _COMMON_LATIN:
            score += 0.5 if not ("\u0400" <= previous <= "\u04ff") else -2.0
        elif unicodedata.category(ch)[0] in "CS" and ch not in "€№«»©®°±§":
            score -= 1.0
        previous = ch
    return score


def _checked(text: str) -> str:
    """Refuse a decoding that is mostly control characters: the input was binary after all."""
    sample = text[:20000]
    controls = len(_CONTROLS.findall(sample))
    if sample and controls > 0.02 * len(sample):
        raise ValueError("binary input: too many control characters to be HTML or text")
    return text
