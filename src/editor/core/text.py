"""Text helpers: slugs (with pinyin for Chinese), display dates, CJK-aware counts."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Callable, Iterable

SLUG_MAX = 80
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_CJK = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_CJK_RUN = re.compile(f"[{_CJK}]+")
_NON_SLUG = re.compile(r"[^a-z0-9]+")
#: A run of non-space, non-Chinese characters with at least one letter or digit in it.
_WORD = re.compile(rf"[^\s{_CJK}]*(?:(?![{_CJK}])[^\W_])[^\s{_CJK}]*")
_CJK_CHAR = re.compile(f"[{_CJK}]")


def _pinyin(text: str) -> str:
    """Spell runs of Chinese characters in toneless pinyin, a space between syllables."""
    if not _CJK_RUN.search(text):
        return text
    from pypinyin import Style, lazy_pinyin  # loaded only when a Chinese title needs it

    return _CJK_RUN.sub(lambda m: " " + " ".join(lazy_pinyin(m.group(0), style=Style.NORMAL))
                        + " ", text)


def slugify(text: str, max_length: int = SLUG_MAX) -> str:
    """Lowercase ASCII words joined by '-', at most `max_length` characters, never empty."""
    ascii_text = unicodedata.normalize("NFKD", _pinyin(text)).encode("ascii", "ignore").decode()
    slug = _NON_SLUG.sub("-", ascii_text.lower()).strip("-")
    if len(slug) > max_length:
        cut = slug[: max_length + 1]
        slug = cut[: cut.rfind("-")] if "-" in cut[1:] else slug[:max_length]
        slug = slug.strip("-")
    return slug or "article"


def unique_slug(text: str, taken: Callable[[str], bool] | Iterable[str]) -> str:
    """A slug for `text` that is not taken, adding -2, -3, … when needed."""
    is_taken = taken if callable(taken) else set(taken).__contains__
    base = slugify(text)
    candidate, n = base, 1
    while is_taken(candidate):
        n += 1
        suffix = f"-{n}"
        candidate = base[: SLUG_MAX - len(suffix)].rstrip("-") + suffix
    return candidate


def display_date(day: dt.date) -> str:
    """The portal's date style, 'Nov 10, 2022', independent of the locale."""
    return f"{_MONTHS[day.month - 1]} {day.day}, {day.year}"


def word_count(text: str) -> int:
    """Words of English plus each Chinese character, as a reader would count them."""
    return len(_CJK_CHAR.findall(text)) + len(_WORD.findall(text))
