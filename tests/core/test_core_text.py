"""editor.core.text: slugs (pinyin for Chinese), display dates, CJK-aware word counts."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from editor.core.text import SLUG_MAX, display_date, slugify, unique_slug, word_count

SLUG_SHAPE = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")


@pytest.mark.parametrize(("title", "slug"), [
    ("Laoshan Painter Brings Tea Terraces to Canvas",
     "laoshan-painter-brings-tea-terraces-to-canvas"),
    ("Hello, World!", "hello-world"),
    ("  Leading and trailing  ", "leading-and-trailing"),
    ("Laoshan Tickets in 2026: Prices, Opening Hours",
     "laoshan-tickets-in-2026-prices-opening-hours"),
    ("Crème brûlée à Qingdao", "creme-brulee-a-qingdao"),
    ("Qingdao’s “Best” Café — 2026", "qingdaos-best-cafe-2026"),
    ("２０２６ ＡＢＣ", "2026-abc"),
    ("Policies & Regulations", "policies-regulations"),
    ("multiple---dashes___and   spaces", "multiple-dashes-and-spaces"),
])
def test_slugify_ascii_words_joined_by_dashes(title: str, slug: str) -> None:
    assert slugify(title) == slug


@pytest.mark.parametrize(("title", "slug"), [
    ("青岛", "qing-dao"),
    ("青岛国际社区中心", "qing-dao-guo-ji-she-qu-zhong-xin"),
    ("崂山 Tickets: 2026 价格", "lao-shan-tickets-2026-jia-ge"),
    ("青岛Port", "qing-dao-port"),
    ("青岛，你好！", "qing-dao-ni-hao"),
])
def test_slugify_chinese_titles_give_pinyin(title: str, slug: str) -> None:
    assert slugify(title) == slug


@pytest.mark.parametrize("title", ["", "   ", "!!!", "—", "Москва", "🙂🙂", "-"])
def test_slugify_is_never_empty(title: str) -> None:
    slug = slugify(title)
    assert slug == "article"


@pytest.mark.parametrize("title", [
    "word " * 30,
    "The Accordion Teacher of Badaguan Who Taught Half a Neighbourhood to Play "
    "and Then Went On to Teach the Whole City",
    "x-" * 60,
    "青岛国际社区中心为外国朋友提供文化旅游信息服务和各种帮助欢迎大家来青岛参观游览",
])
def test_long_slug_is_cut_at_a_word_boundary(title: str) -> None:
    full = slugify(title, max_length=10_000)
    slug = slugify(title)
    assert len(full) > SLUG_MAX
    assert 0 < len(slug) <= SLUG_MAX
    assert SLUG_SHAPE.match(slug)
    assert full.startswith(slug)
    assert full[len(slug)] == "-", "the cut falls inside a word"
    # and it is the longest such prefix: the next word would not have fitted
    next_cut = full.find("-", len(slug) + 1)
    assert next_cut == -1 or next_cut > SLUG_MAX


def test_single_overlong_word_is_cut_hard() -> None:
    assert slugify("a" * 120) == "a" * SLUG_MAX


def test_exactly_max_length_is_kept_whole() -> None:
    title = "-".join(["abcd"] * 16)  # 16*4 + 15 = 79
    title += "x"  # 80
    assert len(title) == SLUG_MAX
    assert slugify(title) == title


def test_custom_max_length() -> None:
    assert slugify("one two three four", max_length=9) == "one-two"


@pytest.mark.parametrize("title", ["A", "Ünïcödé", "Tom & Jerry's 3rd Day", "青岛 2026 ﹣ test",
                                   "ÆØÅ ß", "new\nline\ttab"])
def test_slug_is_lowercase_ascii(title: str) -> None:
    slug = slugify(title)
    assert slug.isascii()
    assert SLUG_MAX >= len(slug) > 0
    assert SLUG_SHAPE.match(slug), slug


def test_unique_slug_free_slug_is_unchanged() -> None:
    assert unique_slug("Hello World", []) == "hello-world"


def test_unique_slug_adds_counters() -> None:
    assert unique_slug("Hello", ["hello"]) == "hello-2"
    assert unique_slug("Hello", ["hello", "hello-2"]) == "hello-3"
    assert unique_slug("Hello", {"hello", "hello-2", "hello-3", "hello-4"}) == "hello-5"


def test_unique_slug_accepts_a_predicate() -> None:
    seen: list[str] = []

    def taken(slug: str) -> bool:
        seen.append(slug)
        return slug in {"qing-dao", "qing-dao-2"}

    assert unique_slug("青岛", taken) == "qing-dao-3"
    assert seen == ["qing-dao", "qing-dao-2", "qing-dao-3"]


def test_unique_slug_with_counter_stays_within_max_length() -> None:
    base = slugify("a" * 200)
    slug = unique_slug("a" * 200, {base})
    assert slug == "a" * (SLUG_MAX - 2) + "-2"
    assert len(slug) <= SLUG_MAX


def test_unique_slug_of_an_empty_title() -> None:
    assert unique_slug("", {"article"}) == "article-2"


@pytest.mark.parametrize(("day", "text"), [
    (dt.date(2022, 11, 10), "Nov 10, 2022"),
    (dt.date(2023, 3, 4), "Mar 4, 2023"),
    (dt.date(2026, 1, 1), "Jan 1, 2026"),
    (dt.date(2024, 12, 31), "Dec 31, 2024"),
    (dt.date(2025, 5, 9), "May 9, 2025"),
    (dt.date(2025, 9, 30), "Sep 30, 2025"),
])
def test_display_date(day: dt.date, text: str) -> None:
    assert display_date(day) == text


@pytest.mark.parametrize(("text", "count"), [
    ("", 0),
    ("   \n\t ", 0),
    ("Hello world", 2),
    ("One two three four five", 5),
    ("line one\nline two\n\nline three", 6),
    ("青岛", 2),
    ("青岛 is great", 4),
    ("青岛Port", 3),
    ("Visit 崂山 and 八大关 today", 8),
    ("It's a well-known fact.", 4),
])
def test_word_count_english_words_plus_chinese_characters(text: str, count: int) -> None:
    assert word_count(text) == count


@pytest.mark.parametrize(("text", "count"), [
    ("青岛，你好！", 4),
    ("青岛是一个美丽的城市。", 10),
    ("崂山（Laoshan）很美", 5),
])
def test_word_count_does_not_count_chinese_punctuation_as_words(text: str, count: int) -> None:
    """'Words of English plus each Chinese character': '，', '。' or '！' is neither."""
    assert word_count(text) == count
