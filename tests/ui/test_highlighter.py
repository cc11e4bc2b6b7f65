"""The Markdown highlighter, read back through the formats Qt's layouts carry."""

from __future__ import annotations

import sys
from collections.abc import Iterator

import pytest
from PySide6.QtGui import QFont, QTextCharFormat, QTextCursor, QTextDocument, QTextFormat
from pytestqt.qtbot import QtBot

from editor.ui.highlighter import CODE_FAMILIES, IN_COMMENT, NORMAL, MarkdownHighlighter
from editor.ui.markdown_edit import MarkdownEdit

H = MarkdownHighlighter


def colour_of(fmt: QTextCharFormat) -> str:
    if not fmt.hasProperty(QTextFormat.Property.ForegroundBrush):
        return ""
    return fmt.foreground().color().name()


HEADING, URL, LINK_TEXT = colour_of(H.HEADING), colour_of(H.URL), colour_of(H.LINK_TEXT)
IMAGE_ALT, TITLE, LIST = colour_of(H.IMAGE_ALT), colour_of(H.LINK_TITLE), colour_of(H.LIST_MARKER)
QUOTE, MARKUP, COMMENT = colour_of(H.QUOTE), colour_of(H.MARKUP), colour_of(H.COMMENT)
CODE_BLOCK = colour_of(H.CODE_BLOCK)


@pytest.fixture
def edit(qtbot: QtBot) -> Iterator[MarkdownEdit]:
    """The real editor widget with a highlighter on its document."""
    widget = MarkdownEdit()
    qtbot.addWidget(widget)
    highlighter = MarkdownHighlighter(widget.document())
    assert highlighter.document() is widget.document()
    yield widget


def show(edit: MarkdownEdit, text: str) -> QTextDocument:
    edit.load_text(text)
    return edit.document()


def fmt_at(document: QTextDocument, line: int, column: int) -> QTextCharFormat:
    """The format the highlighter gave the character at `column` (UTF-16) of `line`."""
    block = document.findBlockByNumber(line)
    assert block.isValid(), f"no line {line}"
    assert 0 <= column < max(block.length() - 1, 1), f"no column {column} in {block.text()!r}"
    ranges = block.layout().formats()
    for span in ranges:
        if span.start <= column < span.start + span.length:
            return QTextCharFormat(span.format)  # a copy: the range's own dies with the list
    return QTextCharFormat()


def columns(document: QTextDocument, line: int, word: str) -> range:
    """The columns of the first `word` in `line`."""
    text = document.findBlockByNumber(line).text()
    start = text.index(word)
    return range(start, start + len(word))


def is_bold(fmt: QTextCharFormat) -> bool:
    return fmt.fontWeight() >= QFont.Weight.Bold


def is_code(fmt: QTextCharFormat) -> bool:
    return ((fmt.fontFamilies() or []) == list(CODE_FAMILIES)
            and fmt.hasProperty(QTextFormat.Property.BackgroundBrush))


def is_plain(fmt: QTextCharFormat) -> bool:
    return not fmt.properties()


def test_heading_is_bold_and_coloured_without_changing_size(edit: MarkdownEdit) -> None:
    doc = show(edit, "# Title\n###### Six ##\nplain\n ## indented\n#tag")
    for column in range(len("# Title")):
        assert is_bold(fmt_at(doc, 0, column))
    assert colour_of(fmt_at(doc, 0, 3)) == HEADING
    assert colour_of(fmt_at(doc, 0, 0)) == MARKUP
    assert not fmt_at(doc, 0, 3).hasProperty(QTextFormat.Property.FontPointSize)
    assert colour_of(fmt_at(doc, 1, 8)) == HEADING
    assert colour_of(fmt_at(doc, 1, 11)) == MARKUP  # the closing hashes
    assert is_plain(fmt_at(doc, 2, 0))
    assert is_plain(fmt_at(doc, 3, 4))  # the renderer needs the hash in the first column
    assert colour_of(fmt_at(doc, 4, 2)) == HEADING  # …and no space after it


def test_strong_is_bold_only_on_the_strong_part(edit: MarkdownEdit) -> None:
    doc = show(edit, "before **strong** after __also__ end")
    for column in columns(doc, 0, "strong"):
        assert is_bold(fmt_at(doc, 0, column))
    for word in ("before", "after", "end"):
        assert all(is_plain(fmt_at(doc, 0, c)) for c in columns(doc, 0, word)), word
    assert is_bold(fmt_at(doc, 0, columns(doc, 0, "also")[0]))
    assert colour_of(fmt_at(doc, 0, columns(doc, 0, "**")[0])) == MARKUP


def test_emphasis_is_italic(edit: MarkdownEdit) -> None:
    doc = show(edit, "an *em* and _under_ but snake_case_name and 2 * 3 * 4")
    assert fmt_at(doc, 0, columns(doc, 0, "em")[0]).fontItalic()
    assert fmt_at(doc, 0, columns(doc, 0, "under")[0]).fontItalic()
    assert not is_bold(fmt_at(doc, 0, columns(doc, 0, "em")[0]))
    assert is_plain(fmt_at(doc, 0, columns(doc, 0, "case")[0]))
    assert is_plain(fmt_at(doc, 0, columns(doc, 0, "3")[0]))


def test_nested_and_escaped_emphasis(edit: MarkdownEdit) -> None:
    doc = show(edit, "**a *b* c** ***both***\n\\*not em\\*")
    outer, inner = fmt_at(doc, 0, 2), fmt_at(doc, 0, 5)
    assert is_bold(outer) and not outer.fontItalic()
    assert is_bold(inner) and inner.fontItalic()
    both = fmt_at(doc, 0, columns(doc, 0, "both")[0])
    assert is_bold(both) and both.fontItalic()
    assert is_plain(fmt_at(doc, 1, 3))


def test_inline_code_is_monospace_and_hides_markup(edit: MarkdownEdit) -> None:
    doc = show(edit, "use `a*b*c` or ``x ` y`` here")
    inside = fmt_at(doc, 0, columns(doc, 0, "b")[0])
    assert is_code(inside)
    assert not inside.fontItalic()
    assert is_code(fmt_at(doc, 0, columns(doc, 0, "y")[0]))
    assert is_plain(fmt_at(doc, 0, columns(doc, 0, "here")[0]))
    assert is_plain(fmt_at(doc, 0, 0))


def test_link_and_image_parts_have_their_own_colours(edit: MarkdownEdit) -> None:
    doc = show(edit, '[the text](https://example.org/a_b_c "Title") and '
                     '![the alt](media/pic.png "Caption")')
    assert colour_of(fmt_at(doc, 0, columns(doc, 0, "the text")[0])) == LINK_TEXT
    url = columns(doc, 0, "example.org/a_b_c")
    assert all(colour_of(fmt_at(doc, 0, c)) == URL for c in url)
    assert not any(fmt_at(doc, 0, c).fontItalic() for c in url)  # _b_ is part of the URL
    assert colour_of(fmt_at(doc, 0, columns(doc, 0, "Title")[0])) == TITLE
    assert colour_of(fmt_at(doc, 0, columns(doc, 0, "the alt")[0])) == IMAGE_ALT
    assert colour_of(fmt_at(doc, 0, columns(doc, 0, "media/pic")[0])) == URL
    assert colour_of(fmt_at(doc, 0, columns(doc, 0, "](")[0])) == MARKUP
    assert len({LINK_TEXT, URL, IMAGE_ALT, TITLE}) == 4
    assert is_plain(fmt_at(doc, 0, columns(doc, 0, " and ")[1]))


def test_emphasis_inside_link_text_keeps_the_link_colour(edit: MarkdownEdit) -> None:
    doc = show(edit, "[a **bold** link](https://example.org)")
    fmt = fmt_at(doc, 0, columns(doc, 0, "bold")[0])
    assert is_bold(fmt) and colour_of(fmt) == LINK_TEXT


def test_autolinks_bare_urls_and_references(edit: MarkdownEdit) -> None:
    doc = show(edit, "see <https://example.org/x> or https://qingdao.gov.cn/a_b_c.\n"
                     "[ref]: https://example.org/ref \"Ref\"\nuse [it][ref] now")
    assert colour_of(fmt_at(doc, 0, columns(doc, 0, "example.org/x")[0])) == URL
    assert colour_of(fmt_at(doc, 0, columns(doc, 0, "<")[0])) == MARKUP
    bare = columns(doc, 0, "qingdao.gov.cn/a_b_c")
    assert all(colour_of(fmt_at(doc, 0, c)) == URL for c in bare)
    assert not fmt_at(doc, 0, bare[-2]).fontItalic()
    assert is_plain(fmt_at(doc, 0, len(doc.firstBlock().text()) - 1))  # the full stop
    assert colour_of(fmt_at(doc, 1, 1)) == LINK_TEXT
    assert colour_of(fmt_at(doc, 1, columns(doc, 1, "example.org")[0])) == URL
    assert colour_of(fmt_at(doc, 2, columns(doc, 2, "it")[0])) == LINK_TEXT


def test_list_markers(edit: MarkdownEdit) -> None:
    doc = show(edit, "- one\n  * nested\n+ plus\n12. twelve\n    3. deep\n**bold** start\n1) no")
    for line, column in ((0, 0), (1, 2), (2, 0), (3, 0), (3, 2), (4, 4), (4, 5)):
        fmt = fmt_at(doc, line, column)
        assert colour_of(fmt) == LIST and is_bold(fmt), (line, column)
    assert is_plain(fmt_at(doc, 0, 2))
    assert is_plain(fmt_at(doc, 3, 5))
    assert colour_of(fmt_at(doc, 5, 0)) == MARKUP  # strong markers, not a list
    assert is_plain(fmt_at(doc, 6, 0))  # the renderer only knows "1."


def test_quote_line_is_muted_and_italic(edit: MarkdownEdit) -> None:
    doc = show(edit, "> quoted **words**\n> - item\nafter")
    assert colour_of(fmt_at(doc, 0, 0)) == MARKUP
    text = fmt_at(doc, 0, columns(doc, 0, "quoted")[0])
    assert colour_of(text) == QUOTE and text.fontItalic()
    strong = fmt_at(doc, 0, columns(doc, 0, "words")[0])
    assert is_bold(strong) and strong.fontItalic() and colour_of(strong) == QUOTE
    assert colour_of(fmt_at(doc, 1, 2)) == LIST
    assert is_plain(fmt_at(doc, 2, 0))


def test_horizontal_rules_are_muted(edit: MarkdownEdit) -> None:
    doc = show(edit, "---\n***\n___\n- - -\ntext")
    for line in range(4):
        fmt = fmt_at(doc, line, 0)
        assert colour_of(fmt) == MARKUP and not is_bold(fmt), line
    assert is_plain(fmt_at(doc, 4, 0))


def test_table_pipes_and_alignment_row_are_muted(edit: MarkdownEdit) -> None:
    doc = show(edit, "| Name | Price |\n|:-----|------:|\n| Tea `a|b` | 12 |")
    for column in (0, 7, 15):
        assert colour_of(fmt_at(doc, 0, column)) == MARKUP
    assert is_plain(fmt_at(doc, 0, 2))
    assert all(colour_of(fmt_at(doc, 1, c)) == MARKUP for c in range(16))
    assert is_code(fmt_at(doc, 2, columns(doc, 2, "|b")[0]))  # a pipe in code is code
    assert is_plain(fmt_at(doc, 2, columns(doc, 2, "12")[0]))


FENCED = """\
Intro *em*
```python
# not a heading
**not bold**
- not a list
<!-- not a comment
```
# heading again"""


def test_fenced_block_is_code_and_nothing_else(edit: MarkdownEdit) -> None:
    doc = show(edit, FENCED)
    for line in range(2, 6):
        text = doc.findBlockByNumber(line).text()
        for column in range(len(text)):
            fmt = fmt_at(doc, line, column)
            assert is_code(fmt), (line, column)
            assert not is_bold(fmt) and not fmt.fontItalic(), (line, column)
            assert colour_of(fmt) == CODE_BLOCK, (line, column)
    assert is_code(fmt_at(doc, 1, 0)) and is_code(fmt_at(doc, 6, 0))  # the fences
    assert is_bold(fmt_at(doc, 7, 3)) and colour_of(fmt_at(doc, 7, 3)) == HEADING
    assert fmt_at(doc, 0, 7).fontItalic()
    assert doc.findBlockByNumber(7).userState() == NORMAL


def test_only_the_same_fence_closes_it(edit: MarkdownEdit) -> None:
    doc = show(edit, "````\n```\n~~~\n# still code\n````\n~~~\n# code\n~~~\n# out")
    for line in (1, 2, 3):
        assert is_code(fmt_at(doc, line, 0)), line
        assert colour_of(fmt_at(doc, line, 0)) == CODE_BLOCK, line
    assert colour_of(fmt_at(doc, 6, 2)) == CODE_BLOCK
    assert colour_of(fmt_at(doc, 8, 2)) == HEADING


def test_typing_a_fence_turns_following_lines_into_code_and_back(edit: MarkdownEdit) -> None:
    doc = show(edit, "Intro\n# heading\n**bold** text\nend")
    assert colour_of(fmt_at(doc, 1, 3)) == HEADING
    cursor = QTextCursor(doc.findBlockByNumber(1))
    cursor.insertText("```\n")
    for line in (2, 3, 4):
        assert colour_of(fmt_at(doc, line, 0)) == CODE_BLOCK, line
    assert not is_bold(fmt_at(doc, 3, 3))
    assert is_plain(fmt_at(doc, 0, 0))

    closing = QTextCursor(doc.findBlockByNumber(3))
    closing.insertText("```\n")  # a closing fence after the heading line
    assert colour_of(fmt_at(doc, 2, 3)) == CODE_BLOCK
    assert is_bold(fmt_at(doc, 4, 3))  # **bold** is outside again
    assert colour_of(fmt_at(doc, 4, 3)) != CODE_BLOCK

    closing = QTextCursor(doc.findBlockByNumber(3))
    closing.movePosition(QTextCursor.MoveOperation.NextBlock, QTextCursor.MoveMode.KeepAnchor)
    closing.removeSelectedText()
    opening = QTextCursor(doc.findBlockByNumber(1))
    opening.movePosition(QTextCursor.MoveOperation.NextBlock, QTextCursor.MoveMode.KeepAnchor)
    opening.removeSelectedText()
    assert doc.toPlainText() == "Intro\n# heading\n**bold** text\nend"
    assert colour_of(fmt_at(doc, 1, 3)) == HEADING
    assert is_bold(fmt_at(doc, 2, 3)) and not is_code(fmt_at(doc, 2, 3))
    assert all(doc.findBlockByNumber(n).userState() == NORMAL for n in range(4))


def test_typing_keys_in_the_editor_highlights(qtbot: QtBot, edit: MarkdownEdit) -> None:
    qtbot.keyClicks(edit, "# Hi")
    assert is_bold(fmt_at(edit.document(), 0, 2))
    qtbot.keyClick(edit, "\r")
    qtbot.keyClicks(edit, "~~~")
    qtbot.keyClick(edit, "\r")
    qtbot.keyClicks(edit, "**x**")
    assert colour_of(fmt_at(edit.document(), 2, 2)) == CODE_BLOCK
    assert not is_bold(fmt_at(edit.document(), 2, 2))


def test_html_comment_across_lines_is_muted(edit: MarkdownEdit) -> None:
    doc = show(edit, "text <!-- start\nend --> after *em*\n# next")
    assert is_plain(fmt_at(doc, 0, 0))
    assert colour_of(fmt_at(doc, 0, columns(doc, 0, "start")[0])) == COMMENT
    assert colour_of(fmt_at(doc, 0, columns(doc, 0, "<!--")[0])) == COMMENT
    assert all(colour_of(fmt_at(doc, 1, c)) == COMMENT for c in range(len("end -->")))
    assert is_plain(fmt_at(doc, 1, columns(doc, 1, "after")[0]))
    assert fmt_at(doc, 1, columns(doc, 1, "em")[0]).fontItalic()
    assert colour_of(fmt_at(doc, 2, 3)) == HEADING
    assert doc.findBlockByNumber(0).userState() == IN_COMMENT


def test_comment_hides_block_markup_and_code_hides_comments(edit: MarkdownEdit) -> None:
    doc = show(edit, "<!--\n# hidden\n```\n-->\n`<!--` is how it starts\n# shown")
    for line in (1, 2):
        fmt = fmt_at(doc, line, 0)
        assert colour_of(fmt) == COMMENT and not is_code(fmt), line
    assert is_code(fmt_at(doc, 4, 1))
    assert is_plain(fmt_at(doc, 4, columns(doc, 4, "starts")[0]))
    assert colour_of(fmt_at(doc, 5, 2)) == HEADING


def test_columns_count_utf16_units_after_emoji(edit: MarkdownEdit) -> None:
    doc = show(edit, "🎉 青岛 **港口** ok")
    text = doc.firstBlock().text()

    def utf16(index: int) -> int:
        return len(text[:index].encode("utf-16-le")) // 2

    opening = text.index("**")
    assert utf16(opening) == opening + 1  # the emoji takes two UTF-16 units
    assert is_plain(fmt_at(doc, 0, utf16(opening) - 1))
    assert colour_of(fmt_at(doc, 0, utf16(opening))) == MARKUP
    for index in (opening + 2, opening + 3):
        fmt = fmt_at(doc, 0, utf16(index))
        assert is_bold(fmt) and colour_of(fmt) == "", index
    assert colour_of(fmt_at(doc, 0, utf16(opening + 5))) == MARKUP
    assert is_plain(fmt_at(doc, 0, utf16(opening + 6)))


def test_attaching_to_existing_text_highlights_at_once(qtbot: QtBot) -> None:
    widget = MarkdownEdit()
    qtbot.addWidget(widget)
    widget.load_text("# Loaded\n```\n# code")
    highlighter = MarkdownHighlighter(widget.document())
    doc = highlighter.document()
    assert is_bold(fmt_at(doc, 0, 3))  # no event loop turn needed
    assert colour_of(fmt_at(doc, 2, 0)) == CODE_BLOCK
    assert not doc.isModified()
    assert not doc.isUndoAvailable()


def test_highlighting_leaves_the_document_unchanged(edit: MarkdownEdit) -> None:
    changes: list[int] = []
    edit.document().contentsChanged.connect(lambda: changes.append(1))
    edit.load_text("# One\n\n**two**")
    assert len(changes) == 1  # only the text change itself
    assert not edit.document().isModified()
    assert not edit.document().isUndoAvailable()


def test_long_document_highlights_fully(edit: MarkdownEdit) -> None:
    paragraph = ("Qingdao's harbour *handles* cold-chain freight for **the whole** coast, "
                 "see [the record](https://example.org/port_record) and `code`. Ships from "
                 "Busan, Osaka and Singapore call every week, and the new terminal opens "
                 "in spring with longer hours for inspection.")
    lines: list[str] = []
    for section in range(100):
        lines += [f"## Section {section}", "", paragraph, paragraph, "- a list item",
                  "> a quoted line", "| a | b |", "|---|---|", "| 1 | 2 |", "```",
                  "# not a heading", "```", "", paragraph, paragraph, "1. numbered",
                  "<!-- a", "comment -->", paragraph, ""]
    text = "\n".join(lines)
    assert len(text.split()) > 20_000 and len(lines) >= 2_000
    doc = show(edit, text)
    last_heading = len(lines) - 20
    assert doc.findBlockByNumber(last_heading).text() == "## Section 99"
    assert is_bold(fmt_at(doc, last_heading, 4))
    assert colour_of(fmt_at(doc, last_heading + 10, 0)) == CODE_BLOCK
    sample = fmt_at(doc, len(lines) - 2, paragraph.index("whole"))
    assert is_bold(sample)


def test_highlighting_does_not_use_up_none(qtbot: QtBot, edit: MarkdownEdit) -> None:
    """PySide6 6.12.0 drops a reference to None on every void call; on CPython 3.11 Python
    aborts once None runs out (pyproject.toml keeps that build out). Highlighting makes
    thousands of such calls, so it is where such a build would show first."""
    text = "\n".join(["Some *em*, **strong**, [a](https://x.org) and `c` | d"] * 300)
    before = sys.getrefcount(None)
    edit.load_text(text)
    assert is_bold(fmt_at(edit.document(), 299, 16))
    assert sys.getrefcount(None) > before - 100
