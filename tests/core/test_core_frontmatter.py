"""editor.core.frontmatter: the import and `article.md` format (spec: "article.md")."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from editor.core.frontmatter import KEYS, FrontMatterError, MarkdownDocument, dump, parse, split

ARTICLE_ID = "0b9f7c1e-3d2a-4c55-9a7e-1f2e3d4c5b6a"

SPEC_EXAMPLE = """---
id: 0b9f7c1e-3d2a-4c55-9a7e-1f2e3d4c5b6a
title: Laoshan Painter Brings Tea Terraces to Canvas
slug: laoshan-painter-brings-tea-terraces-to-canvas
category: [Culture, Culture Figures]
date: 2023-03-14
source: iqingdao
author: Chen Rui
language: en
summary: A landscape painter's new exhibition follows Laoshan's tea terraces.
---

The painter **Li** opened the show on Tuesday.
"""

VALID_HEAD = "title: T\ncategory: [Business, Business News]\ndate: 2022-11-10\nsource: iqingdao\n"


def doc(head: str, body: str = "Body text.\n") -> str:
    return f"---\n{head}---\n\n{body}"


def fields(**changes: object) -> dict[str, object]:
    base: dict[str, object] = {
        "id": ARTICLE_ID, "title": "Laoshan Painter Brings Tea Terraces to Canvas",
        "slug": "laoshan-painter-brings-tea-terraces-to-canvas",
        "category": ["Culture", "Culture Figures"], "date": dt.date(2023, 3, 14),
        "source": "iqingdao", "author": "Chen Rui", "language": "en",
        "summary": "A landscape painter's new exhibition follows Laoshan's tea terraces.",
    }
    base.update(changes)
    return base


def test_parse_spec_example() -> None:
    document = parse(SPEC_EXAMPLE)
    assert document == MarkdownDocument(
        title="Laoshan Painter Brings Tea Terraces to Canvas",
        category=("Culture", "Culture Figures"), date=dt.date(2023, 3, 14), source="iqingdao",
        author="Chen Rui", language="en",
        summary="A landscape painter's new exhibition follows Laoshan's tea terraces.",
        body="The painter **Li** opened the show on Tuesday.\n",
        slug="laoshan-painter-brings-tea-terraces-to-canvas", id=ARTICLE_ID)


def test_parse_demo_files(demo_files: list[Path]) -> None:
    documents = [parse(path.read_text(encoding="utf-8")) for path in demo_files]
    assert [d.category for d in documents] == [
        ("Business", "Business News"), ("Business", "Free Trade Zone"),
        ("Culture", "Culture Figures"), ("Government", "Policies & Regulations"),
        ("Visit", "Entrance tickets")]
    assert documents[3].author == ""
    assert documents[4].title.startswith("Laoshan Tickets in 2026:")
    assert all(d.body and not d.body.startswith("\n") for d in documents)
    assert all(d.id is None and d.slug is None for d in documents)


def test_optional_fields_default() -> None:
    document = parse(doc(VALID_HEAD))
    assert (document.author, document.summary, document.language) == ("", "", "en")
    assert document.slug is None
    assert document.id is None


def test_dump_writes_keys_in_spec_order_and_drops_unknown() -> None:
    text = dump({"summary": "S", "category": ["Visit", "Entrance tickets"], "title": "T",
                 "extra": "x", "date": dt.date(2026, 4, 2), "id": ARTICLE_ID}, "B")
    assert text == (f"---\nid: {ARTICLE_ID}\ntitle: T\ncategory: [Visit, Entrance tickets]\n"
                    "date: 2026-04-02\nsummary: S\n---\n\nB")


def test_round_trip_spec_fields() -> None:
    text = dump(fields(), "Body with *emphasis*.\n\n## Heading\n")
    assert text.startswith("---\nid: ")
    document = parse(text)
    assert document.title == "Laoshan Painter Brings Tea Terraces to Canvas"
    assert document.category == ("Culture", "Culture Figures")
    assert document.date == dt.date(2023, 3, 14)
    assert document.author == "Chen Rui"
    assert document.id == ARTICLE_ID
    assert document.body == "Body with *emphasis*.\n\n## Heading\n"


def test_round_trip_empty_author_and_summary() -> None:
    text = dump(fields(author="", summary=""), "Body")
    assert "author: ''" in text
    document = parse(text)
    assert document.author == ""
    assert document.summary == ""


def test_round_trip_chinese_title_written_as_characters() -> None:
    title = "青岛: 国际社区中心 – “Culture” & Tourism"
    text = dump(fields(title=title, summary="崂山的茶园。"), "正文 body")
    assert "青岛" in text  # allow_unicode: readable, not \\u escapes
    document = parse(text)
    assert document.title == title
    assert document.summary == "崂山的茶园。"
    assert document.body == "正文 body"


@pytest.mark.parametrize("title", ["yes", "null", "2026", "- dash", "a: b", "#hash", "'quoted'",
                                   "[bracket]", "~", "2023-03-14"])
def test_round_trip_titles_yaml_would_misread(title: str) -> None:
    assert parse(dump(fields(title=title), "x")).title == title


@pytest.mark.parametrize("body", ["", "\nStarts with a blank line", "---\nA rule first\n",
                                  "Ends with a rule\n---\n", "Windows-free\n"])
def test_round_trip_bodies(body: str) -> None:
    assert parse(dump(fields(), body)).body == body


def test_bom_and_crlf_are_tolerated() -> None:
    text = "\ufeff" + doc(VALID_HEAD, "Line one\nLine two\n").replace("\n", "\r\n")
    document = parse(text)
    assert document.title == "T"
    assert document.body == "Line one\nLine two\n"


def test_closing_line_at_end_of_file() -> None:
    document = parse("---\n" + VALID_HEAD + "---")
    assert document.title == "T"
    assert document.body == ""


def test_category_as_text_with_separator() -> None:
    assert parse(doc(VALID_HEAD.replace("[Business, Business News]",
                                        "Business › Business News"))).category == (
        "Business", "Business News")
    assert parse(doc(VALID_HEAD.replace("[Business, Business News]",
                                        '"Business > Free Trade Zone"'))).category == (
        "Business", "Free Trade Zone")


def test_top_level_category() -> None:
    assert parse(doc(VALID_HEAD.replace("[Business, Business News]", "[Events]"))).category == (
        "Events",)


def test_id_is_lowercased() -> None:
    head = VALID_HEAD + f"id: {ARTICLE_ID.upper()}\n"
    assert parse(doc(head)).id == ARTICLE_ID


def test_split_returns_mapping_and_body() -> None:
    data, body = split(doc("a: 1\nb: [x, y]\n", "the body"))
    assert data == {"a": 1, "b": ["x", "y"]}
    assert body == "the body"


def test_keys_are_the_spec_keys() -> None:
    assert KEYS == ("id", "title", "slug", "category", "date", "source", "author", "language",
                    "summary")


# --- errors ----------------------------------------------------------------------------


def error_of(text: str) -> FrontMatterError:
    with pytest.raises(FrontMatterError) as info:
        parse(text)
    return info.value


def test_no_front_matter() -> None:
    error = error_of("title: T\n\nJust text.\n")
    assert "no front matter" in str(error)
    assert error.field is None


def test_front_matter_not_at_start() -> None:
    error = error_of("\n" + doc(VALID_HEAD))
    assert "no front matter" in str(error)


def test_unclosed_front_matter() -> None:
    error = error_of("---\n" + VALID_HEAD + "\nBody without a closing line\n")
    assert "not closed" in str(error)
    assert error.field is None


def test_invalid_yaml_names_the_line() -> None:
    error = error_of(doc("title: T\ncategory: [Business, Business News\ndate: 2022-11-10\n"))
    assert "not valid YAML" in str(error)
    assert "(line " in str(error)


def test_front_matter_that_is_not_a_mapping() -> None:
    error = error_of(doc("- just\n- a list\n"))
    assert "mapping" in str(error)


def test_unknown_key_is_named() -> None:
    error = error_of(doc(VALID_HEAD + "tags: [a, b]\n"))
    assert error.field == "tags"
    assert "unknown key 'tags'" in str(error)


@pytest.mark.parametrize("value", ["yesterday", "10/11/2022", "2022-11-10x", "''", "[2022]"])
def test_bad_date_names_the_field(value: str) -> None:
    error = error_of(doc(VALID_HEAD.replace("2022-11-10", value)))
    assert error.field == "date"


@pytest.mark.parametrize("value", ["2023-02-30", "2023-13-01"])
def test_impossible_calendar_date_names_the_field(value: str) -> None:
    """YAML reads these as timestamps and its date constructor raises a plain ValueError;
    parse() must still report a FrontMatterError naming 'date'."""
    error = error_of(doc(VALID_HEAD.replace("2022-11-10", value)))
    assert error.field == "date"


def test_missing_date() -> None:
    error = error_of(doc(VALID_HEAD.replace("date: 2022-11-10\n", "")))
    assert error.field == "date"
    assert "missing" in str(error)


def test_quoted_date_is_read() -> None:
    assert parse(doc(VALID_HEAD.replace("2022-11-10", "'2022-11-10'"))).date == dt.date(
        2022, 11, 10)


@pytest.mark.parametrize(("head", "message"), [
    (VALID_HEAD.replace("title: T\n", ""), "'title' is missing"),
    (VALID_HEAD.replace("title: T\n", "title: ''\n"), "'title' is empty"),
    (VALID_HEAD.replace("title: T\n", "title:   \n"), "'title' is missing"),
    (VALID_HEAD.replace("title: T\n", "title: [a, b]\n"), "'title' must be text"),
])
def test_missing_or_bad_title(head: str, message: str) -> None:
    error = error_of(doc(head))
    assert error.field == "title"
    assert message in str(error)


@pytest.mark.parametrize("value", ["{a: b}", "[]", "[A, B, C]", "[Business, 5]", "[Business, '']",
                                   "42"])
def test_category_not_a_list_of_one_or_two_names(value: str) -> None:
    error = error_of(doc(VALID_HEAD.replace("[Business, Business News]", value)))
    assert error.field == "category"


def test_missing_category() -> None:
    error = error_of(doc(VALID_HEAD.replace("category: [Business, Business News]\n", "")))
    assert error.field == "category"


def test_missing_source() -> None:
    error = error_of(doc(VALID_HEAD.replace("source: iqingdao\n", "")))
    assert error.field == "source"


def test_author_must_be_text() -> None:
    error = error_of(doc(VALID_HEAD + "author: {name: x}\n"))
    assert error.field == "author"


def test_front_matter_error_is_a_value_error() -> None:
    error = FrontMatterError("bad", "title")
    assert isinstance(error, ValueError)
    assert (str(error), error.field) == ("bad", "title")
