"""Tests for the deterministic benchmark corpus generator (no Qt needed)."""

from __future__ import annotations

import dataclasses
import pathlib
import re
import sys
from collections import Counter

import pytest
import yaml

ROOT = pathlib.Path(__file__).parents[1]
if str(ROOT) not in sys.path:  # benchmarks/ lives next to src/, outside the installed package
    sys.path.insert(0, str(ROOT))

from benchmarks.corpus import (  # noqa: E402
    CATEGORIES,
    STATUSES,
    GeneratedArticle,
    count_words,
    generate,
    main,
    to_markdown,
    write_markdown_files,
)

FRONT_MATTER_KEYS = ["id", "title", "category", "date", "source", "author", "language", "summary"]
UUID4 = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$")


@pytest.fixture(scope="module")
def corpus300() -> list[GeneratedArticle]:
    return generate(300)


def split_front_matter(text: str) -> tuple[dict[str, object], str]:
    """Return the parsed front matter and the body of a Markdown document."""
    assert text.startswith("---\n")
    head, body = text[4:].split("\n---\n", 1)
    return yaml.safe_load(head), body


def test_same_seed_gives_identical_output() -> None:
    first, second = generate(60, seed=7), generate(60, seed=7)
    assert first == second
    assert [to_markdown(a) for a in first] == [to_markdown(a) for a in second]


def test_different_seed_differs() -> None:
    assert [a.id for a in generate(20, seed=1)] != [a.id for a in generate(20, seed=2)]
    assert [a.body for a in generate(20, seed=1)] != [a.body for a in generate(20, seed=2)]


def test_smaller_corpus_is_a_prefix_of_a_larger_one() -> None:
    assert generate(15, seed=3) == generate(40, seed=3)[:15]


@pytest.mark.parametrize("words", [(400, 1500), (150, 300)])
def test_word_counts_stay_in_range(words: tuple[int, int]) -> None:
    low, high = words
    counts = [count_words(a.body) for a in generate(120, seed=11, words=words)]
    assert all(low * 0.97 <= n <= high * 1.03 for n in counts), (min(counts), max(counts))
    # Roughly uniform: both halves of the range are used.
    middle = (low + high) / 2
    assert any(n < middle for n in counts)
    assert any(n > middle for n in counts)


def test_every_status_and_category_present(corpus300: list[GeneratedArticle]) -> None:
    assert set(Counter(a.status for a in corpus300)) == set(STATUSES)
    assert set(Counter(a.category for a in corpus300)) == set(CATEGORIES)


def test_fields_look_realistic(corpus300: list[GeneratedArticle]) -> None:
    assert len({a.id for a in corpus300}) == len(corpus300)
    assert len({a.title for a in corpus300}) == len(corpus300)
    for a in corpus300:
        assert UUID4.match(a.id), a.id
        assert re.fullmatch(r"20(19|2[0-6])-\d\d-\d\d", a.date)
        assert a.language == "en"
        headings = re.findall(r"^#{2,3} \S", a.body, re.MULTILINE)
        assert 2 <= len(headings) <= 6
        for alt in re.findall(r"!\[([^\]]*)\]\(https://photos\.iqingdao\.example/", a.body):
            assert alt.strip()
    assert any(a.source != "iqingdao" for a in corpus300)
    assert any(a.author == "" for a in corpus300)
    assert any(a.summary == "" for a in corpus300)
    assert any("![" in a.body for a in corpus300)
    assert any("| --- |" in a.body for a in corpus300)
    assert any(re.search(r"\w+ \([\u4e00-\u9fff]+\)", a.body) for a in corpus300)


def test_long_and_chinese_titles_occur() -> None:
    titles = [a.title for a in generate(1000)]
    assert any(150 <= len(t) <= 250 for t in titles)
    assert any(re.fullmatch(r"[\u4e00-\u9fff（）0-9年月第期]+", t) for t in titles)


def test_front_matter_round_trips(corpus300: list[GeneratedArticle]) -> None:
    for article in corpus300:
        meta, body = split_front_matter(to_markdown(article))
        assert list(meta) == FRONT_MATTER_KEYS
        assert meta["id"] == article.id
        assert meta["title"] == article.title
        assert tuple(meta["category"]) == article.category
        assert str(meta["date"]) == article.date
        assert meta["source"] == article.source
        assert meta["author"] == article.author
        assert meta["language"] == article.language
        assert meta["summary"] == article.summary
        assert body.strip() == article.body.strip()


@pytest.mark.parametrize(
    "title",
    ["2026: A Year in Review", "Yes", "null", "- dash first", "Qingdao's #1 beer: festival",
     "[brackets] and {braces}", "'quoted' title", "Tickets: 50% off", "ends with colon:",
     "青岛啤酒节开幕", "& ampersand", "* star", "Trailing space "],
)
def test_awkward_titles_are_quoted(title: str) -> None:
    article = dataclasses.replace(generate(1)[0], title=title, author="", summary="On: off")
    meta, _ = split_front_matter(to_markdown(article))
    assert meta["title"] == title
    assert meta["author"] == ""
    assert meta["summary"] == "On: off"


def test_write_markdown_files(tmp_path: pathlib.Path) -> None:
    paths = write_markdown_files(tmp_path / "out", 12, seed=5)
    assert len(paths) == 12
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == [p.name for p in paths]
    for number, (path, article) in enumerate(zip(paths, generate(12, seed=5), strict=True), 1):
        assert re.fullmatch(rf"{number:05d}-[a-z0-9-]+\.md", path.name)
        assert path.read_bytes() == to_markdown(article).encode("utf-8")


def test_cli_writes_files(tmp_path: pathlib.Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main([str(tmp_path), "-n", "3", "--seed", "9"]) == 0
    assert len(list(tmp_path.glob("*.md"))) == 3
    assert "wrote 3 files" in capsys.readouterr().out
