"""editor.core.paste: HTML from the clipboard (Word, LibreOffice Writer, a browser) → Markdown.

The fixtures under clipboard/ are hand-written in the shape each program puts on the
clipboard as text/html."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest

from editor.core.markdown import render_body
from editor.core.paste import html_to_markdown

CLIPBOARD = Path(__file__).parent / "clipboard"
HTML_TAG = re.compile(r"</?[A-Za-z][\w:-]*(\s[^>]*)?/?>")


def clipboard(name: str) -> str:
    return (CLIPBOARD / name).read_text(encoding="utf-8")


def assert_clean(markdown: str) -> None:
    """Nothing of the source's markup or styling, and tidy lines."""
    assert not HTML_TAG.search(markdown), markdown
    for junk in ("mso", "style", "o:p", "·", "&nbsp;", "\xa0", "class", "font", "span",
                 "<!", "]>", "\u200b", "\r"):
        assert junk not in markdown, (junk, markdown)
    assert "\n\n\n" not in markdown
    assert markdown == markdown.strip()
    for line in markdown.split("\n"):
        assert line == line.rstrip(), repr(line)


WORD_EXPECTED = """\
## Weekend Guide to the Old Town

## Getting There

Most visitors start at **Zhanqiao Pier (栈桥)**, a short walk from the railway station. \
*Bring a jacket*: the sea wind is strong even in May.

Tickets are sold at the counter by the gate and online through the \
[city booking page](https://www.example.org/qingdao/tickets).

## What to See

- Huilan Pavilion (回澜阁) at the end of the pier
- St. Michael's Cathedral and the streets around it
    - Zhejiang Road (浙江路) for photographs
- The beer museum on Dengzhou Road

A good order for one day:

1. Walk the pier before nine
2. Lunch near **Pichai Yuan**
3. Sunset at Xiaoyushan Park

| Place | Opening hours |
| --- | --- |
| Huilan Pavilion | 8:00–17:30 |
| Beer museum | 8:30–16:30 |

[image: The pier at dusk]

Questions? Write to [visit@example.org](mailto:visit@example.org) or see the old schedule."""

LIBREOFFICE_EXPECTED = """\
## Beaches of the East Coast

The city has six public beaches. The best known is **No. 1 Bathing Beach** (第一海水浴场), \
which is *very* busy on summer weekends.

### Before you go

- Check the water quality notice at the entrance
- Bring cash for the changing rooms
    - lockers cost 10 yuan
    - showers are free
- Read the [beach safety rules](https://www.example.org/qingdao/beaches)

1. Take bus 26 to the beach stop
2. Walk east along the boardwalk

| Beach | Lifeguards |
| --- | --- |
| Shilaoren (石老人) | June to September |
| No. 2 Bathing Beach | July and August |

Beach office: 0532 8000 0000"""

BROWSER_EXPECTED = """\
## Night Markets Worth the Trip

When the sun goes down, the lanes around **Taidong Pedestrian Street (台东步行街)** fill \
with food stalls. Prices are posted, and most stalls take mobile payment.

Our favourite is the seafood row near \
[Yunxiao Road (云霄路)](https://www.example.org/qingdao/markets/yunxiao), where \
*clams in beer* are the thing to order.

### Tips

- Go after 7 pm; stalls open late.
- Ask for the price per *jin* (500 g) before you order.
- Keep small change for the map kiosk.

| Market | Opens |
| --- | --- |
| Taidong (台东) | 17:00 |
| Yunxiao Road | 18:00 |

Updated 12 May by the portal team."""

FIXTURES = [("word.html", WORD_EXPECTED), ("libreoffice.html", LIBREOFFICE_EXPECTED),
            ("browser.html", BROWSER_EXPECTED)]


# --- the three programs ----------------------------------------------------------------------

def test_word_fixture_has_what_word_puts_on_the_clipboard() -> None:
    """The fixture must carry the Office markup that the conversion has to get rid of."""
    html = clipboard("word.html")
    for marker in ('xmlns:o="urn:schemas-microsoft-com:office:office"', "<!--[if gte mso 9]>",
                   "<xml>", "<style>", "class=MsoTitle", "<h1>", "class=MsoNormal", "<o:p>",
                   "mso-list:l0 level1 lfo1", "mso-list:l0 level2 lfo1",
                   "<span style='mso-list:Ignore'>·", "mso-list:Ignore'>1.",
                   "<![if !supportLists]>", "class=MsoTableGrid", "<a\nhref=", "&nbsp;",
                   "file:///C:/", "javascript:"):
        assert marker in html, marker
    assert "<th" not in html  # Word's tables have no header cells


def test_libreoffice_fixture_has_what_writer_puts_on_the_clipboard() -> None:
    html = clipboard("libreoffice.html")
    for marker in ('<meta name="generator" content="LibreOffice', '<h2 class="western">',
                   '<p style="margin-bottom: 0.25cm; line-height: 115%">', "<font face=",
                   "<ul>\n\t<li><p", "<col width=", "<td width=\"50%\"",
                   "line-height: 115%\"><br/>"):
        assert marker in html, marker


def test_browser_fixture_has_what_chromium_puts_on_the_clipboard() -> None:
    html = clipboard("browser.html")
    for marker in ("<meta charset='utf-8'>", '<span style="color: rgb(33, 37, 41); font-family:',
                   "<h2 style=", "<a href=", "<ul ", "<strong ", "<em>", "<div ", "<script",
                   "<button", "<th scope="):
        assert marker in html, marker


@pytest.mark.parametrize(("name", "expected"), FIXTURES)
def test_fixture_converts_to_the_expected_markdown(name: str, expected: str) -> None:
    assert html_to_markdown(clipboard(name)) == expected


@pytest.mark.parametrize("name", [name for name, _ in FIXTURES])
def test_fixture_markdown_is_clean(name: str) -> None:
    markdown = html_to_markdown(clipboard(name))
    assert_clean(markdown)
    lines = markdown.split("\n")
    assert lines[0].startswith("## ")
    assert any(line.startswith("- ") for line in lines)
    assert any(line.startswith("1. ") for line in lines) or name == "browser.html"
    assert re.search(r"\*\*[^*]+\*\*", markdown)
    assert re.search(r"(?<!\*)\*[^* ][^*]*\*(?!\*)", markdown)
    assert re.search(r"\[[^\]]+\]\(https://www\.example\.org/[^)]+\)", markdown)
    assert "| --- | --- |" in lines
    assert re.search(r"[\u4e00-\u9fff]", markdown)


@pytest.mark.parametrize("name", [name for name, _ in FIXTURES])
def test_fixture_markdown_renders_with_the_portal_renderer(name: str) -> None:
    body = render_body(html_to_markdown(clipboard(name)))
    for element in ("<h2>", "<ul>", "<li>", '<a href="https://www.example.org/', "<table>",
                    "<th>", "<td>", "<strong>", "<em>"):
        assert element in body, (element, body)


def test_word_specifics() -> None:
    markdown = html_to_markdown(clipboard("word.html"))
    assert "## Weekend Guide to the Old Town" in markdown  # Title style
    assert "## Getting There" in markdown  # Heading 1
    assert "    - Zhejiang Road (浙江路) for photographs" in markdown  # level2
    assert "javascript" not in markdown and "old schedule" in markdown
    assert "[image: The pier at dusk]" in markdown and "file:" not in markdown
    assert "gate and online" in markdown  # a run of &nbsp; is one space
    assert "Font Definitions" not in markdown and "WordDocument" not in markdown


def test_script_and_button_text_vanish_from_the_browser_paste() -> None:
    markdown = html_to_markdown(clipboard("browser.html"))
    for gone in ("dataLayer", "trackVisit", "Share on WeChat", "openMap"):
        assert gone not in markdown
    assert "map kiosk" in markdown


# --- structure -------------------------------------------------------------------------------

@pytest.mark.parametrize(("html", "markdown"), [
    ("<h1>A</h1>", "## A"),
    ("<h2>A</h2>", "## A"),
    ("<h3>A</h3>", "### A"),
    ("<h4>A</h4>", "#### A"),
    ("<h5>A</h5>", "#### A"),
    ("<h6>A</h6>", "#### A"),
    ("<p class=MsoTitle>A</p>", "## A"),
    ("<h2><b>Bold</b> heading</h2>", "## Bold heading"),
])
def test_headings_map_onto_the_portal_levels(html: str, markdown: str) -> None:
    assert html_to_markdown(html) == markdown


def test_nested_html_lists() -> None:
    html = ("<ul><li>Parks<ul><li>Zhongshan Park (中山公园)</li><li>Badaguan</li></ul></li>"
            "<li>Beaches<ol><li>No. 1</li><li>No. 2</li></ol></li></ul>"
            "<ol><li>First</li><li>Second</li></ol>")
    markdown = html_to_markdown(html)
    assert markdown == ("- Parks\n    - Zhongshan Park (中山公园)\n    - Badaguan\n- Beaches\n"
                        "    1. No. 1\n    2. No. 2\n\n1. First\n2. Second")
    body = render_body(markdown)
    assert re.search(r"<li>Parks\s*<ul>\s*<li>Zhongshan Park", body), body
    assert re.search(r"<li>Beaches\s*<ol>\s*<li>No. 1", body), body


def test_word_lists_nest_by_level_and_number_by_glyph() -> None:
    def item(level: int, glyph: str, text: str) -> str:
        return (f"<p class=MsoListParagraphCxSpMiddle style='mso-list:l2 level{level} lfo3'>"
                f"<!--[if !supportLists]--><span style='mso-list:Ignore'>{glyph}<span "
                f"style='font:7.0pt \"Times New Roman\"'>&nbsp;&nbsp; </span></span>"
                f"<!--[endif]--><span lang=EN-US>{text}<o:p></o:p></span></p>\n")

    html = (item(1, "1.", "Buy a ticket") + item(2, "a.", "online") + item(2, "b.", "at the gate")
            + item(3, "§", "bring your passport") + item(1, "2.", "Board the ferry")
            + "<p class=MsoNormal>After the list.</p>")
    markdown = html_to_markdown(html)
    assert markdown == ("1. Buy a ticket\n    1. online\n    2. at the gate\n"
                        "        - bring your passport\n2. Board the ferry\n\nAfter the list.")
    body = render_body(markdown)
    assert re.search(r"<li>Buy a ticket\s*<ol>\s*<li>online</li>", body), body
    assert "<li>bring your passport</li>" in body


def test_word_list_starting_deeper_does_not_become_code() -> None:
    html = ("<p class=MsoListParagraph style='mso-list:l0 level3 lfo1'><![if !supportLists]>"
            "<span style='font-family:Wingdings'>§<span>&nbsp; </span></span><![endif]>"
            "Deep first</p>")
    assert html_to_markdown(html) == "- Deep first"


def test_plain_list_paragraph_without_glyph_stays_a_paragraph() -> None:
    assert html_to_markdown("<p class=MsoListParagraph>Just indented</p>") == "Just indented"


def test_unclosed_list_items_are_siblings() -> None:
    assert html_to_markdown("<ul><li>a<li>b<li>c</ul>") == "- a\n- b\n- c"


def test_table_without_header_cells_uses_its_first_row() -> None:
    html = ("<table><tr><td>Stop</td><td>Bus</td></tr><tr><td>Pier</td><td>26 | 501</td></tr>"
            "<tr><td colspan=2>Free on Sundays</td></tr><tr><td>Short</td></tr></table>")
    assert html_to_markdown(html) == ("| Stop | Bus |\n| --- | --- |\n| Pier | 26 \\| 501 |\n"
                                      "| Free on Sundays | |\n| Short |  |")
    body = render_body(html_to_markdown(html))
    assert "<th>Stop</th>" in body and "<td>26 | 501</td>" in body


def test_layout_table_gives_up_its_cells() -> None:
    html = "<table><tr><td><h2>News</h2><p>Text</p></td></tr><tr><td>More</td></tr></table>"
    assert html_to_markdown(html) == "## News\n\nText\n\nMore"


def test_hard_line_breaks_keep_two_spaces_only_inside_a_paragraph() -> None:
    html = "<p>Qingdao Centre<br>1 Hong Kong Road<br></p><p>a<br><br>b</p>"
    assert html_to_markdown(html) == "Qingdao Centre  \n1 Hong Kong Road\n\na\n\nb"
    assert "<br" in render_body(html_to_markdown(html))


def test_empty_paragraphs_and_space_runs_are_dropped() -> None:
    html = ("<p>One</p>" + "<p class=MsoNormal><o:p>&nbsp;</o:p></p>\n" * 5
            + "<p>&nbsp;&nbsp;&nbsp;</p><p><br></p><div>  </div><p>Two&nbsp;&nbsp;&nbsp;words</p>")
    assert html_to_markdown(html) == "One\n\nTwo words"


# --- inline ----------------------------------------------------------------------------------

@pytest.mark.parametrize("href", [
    "javascript:alert(1)", " JaVaScRiPt:alert(1)", "java&#10;script:alert(1)",
    "vbscript:msgbox", "data:text/html,<b>x</b>", "file:///C:/secret.docx", "#_Toc123",
    "/relative/page", "ftp://example.org/file",
])
def test_links_with_other_targets_keep_only_their_text(href: str) -> None:
    markdown = html_to_markdown(f'<p>See <a href="{href}">the schedule</a> now.</p>')
    assert markdown == "See the schedule now."


@pytest.mark.parametrize(("href", "target"), [
    ("https://example.org/a", "https://example.org/a"),
    ("http://example.org/a b_(c)", "http://example.org/a%20b_%28c%29"),
    ("mailto:visit@example.org", "mailto:visit@example.org"),
    ("tel:+86 532 0000", "tel:+86%20532%200000"),
])
def test_allowed_links_are_kept(href: str, target: str) -> None:
    markdown = html_to_markdown(f'<p><a href="{href}">Visit</a></p>')
    assert markdown == f"[Visit]({target})"
    assert f'<a href="{target}">Visit</a>' in render_body(markdown)


@pytest.mark.parametrize(("src", "alt", "expected"), [
    ("file:///C:/Users/x/clip_image001.png", "Pier", "[image: Pier]"),
    ("data:image/png;base64,iVBORw0KGgo=", "Logo", "[image: Logo]"),
    ("cid:image001.png@01D9", "", "[image]"),
    ("https://example.org/pier.jpg", "Pier", "![Pier](https://example.org/pier.jpg)"),
])
def test_images(src: str, alt: str, expected: str) -> None:
    assert html_to_markdown(f'<p><img src="{src}" alt="{alt}"></p>') == expected


def test_bold_and_italic_from_tags_and_styles() -> None:
    html = ('<b style="font-weight:normal" id="docs-internal-guid-1"><p>'
            '<span style="font-weight:700">Bold</span> and <span style="font-style:italic">'
            'italic</span>, <b>Zhan</b><b>qiao</b>, <i> </i>x<b></b>y</p></b>')
    assert html_to_markdown(html) == "**Bold** and *italic*, **Zhanqiao**, xy"


def test_link_around_blocks_goes_inside_them() -> None:
    html = '<a href="https://example.org/"><div><h3>Card</h3><p>More text</p></div></a>'
    assert html_to_markdown(html) == ("### [Card](https://example.org/)\n\n"
                                      "[More text](https://example.org/)")


# --- escaping --------------------------------------------------------------------------------

def test_prose_is_not_escaped_where_markdown_would_not_misread_it() -> None:
    text = "snake_case file_name.txt 5 * 3 = 15, 2 ** 8, C:\\Users and a-b - c"
    assert html_to_markdown(f"<p>{text}</p>") == text
    assert render_body(text) == f"<p>{text}</p>"


def test_code_is_kept_as_it_is() -> None:
    html = ("<p>Run <code>make_site *.md</code>:</p>"
            "<pre><code>def main():\n    return 2 * 3  # __init__\n</code></pre>")
    assert html_to_markdown(html) == ("Run `make_site *.md`:\n\n```\ndef main():\n"
                                      "    return 2 * 3  # __init__\n```")


@pytest.mark.parametrize(("text", "markdown"), [
    ("*not italic*", "\\*not italic\\*"),
    ("_not italic_", "\\_not italic\\_"),
    ("**not bold**", "\\*\\*not bold\\*\\*"),
    ("# not a heading", "\\# not a heading"),
    ("#1 attraction", "\\#1 attraction"),
    ("- not a bullet", "\\- not a bullet"),
    ("* not a bullet", "\\* not a bullet"),
    ("+ not a bullet", "\\+ not a bullet"),
    ("1. not a list", "1\\. not a list"),
    ("> not a quote", "\\> not a quote"),
    ("---", "\\---"),
    ("use `code`", "use \\`code\\`"),
    ("a <b> tag", "a &lt;b> tag"),
    ("[x](y)", "[x\\](y)"),
])
def test_markdown_syntax_in_prose_stays_literal(text: str, markdown: str) -> None:
    escaped = html_to_markdown(f"<p>{text.replace('<', '&lt;')}</p>")
    assert escaped == markdown
    body = render_body(escaped)
    assert re.sub(r"<[^>]+>", "", body).replace("&lt;", "<").replace("&gt;", ">").strip() == (
        text)


# --- safety and edge cases -------------------------------------------------------------------

@pytest.mark.parametrize("html", [
    "", "   \n", "<p>&nbsp;</p>", "<html><head><style>p {}</style></head><body></body></html>",
    "<!--[if gte mso 9]><xml><w:WordDocument/></xml><![endif]-->", "<script>alert(1)</script>",
])
def test_empty_input_gives_empty_markdown(html: str) -> None:
    assert html_to_markdown(html) == ""


def test_scripts_styles_frames_and_forms_are_removed_with_their_text() -> None:
    html = ("<style>.x{color:red}</style><script>steal()</script><noscript>enable js</noscript>"
            "<iframe src='https://example.org'>frame text</iframe><p>Kept</p>"
            "<form><label>Name</label><input value='v'><button>Send</button></form>"
            "<object>obj</object><svg><text>svg text</text></svg>")
    assert html_to_markdown(html) == "Kept"


def test_chinese_text_is_preserved() -> None:
    html = "<h2>青岛啤酒博物馆</h2><p>地址：<b>登州路56号</b>　开放 8:30–16:30</p>"
    assert html_to_markdown(html) == "## 青岛啤酒博物馆\n\n地址：**登州路56号**　开放 8:30–16:30"


def test_windows_cf_html_header_is_ignored() -> None:
    html = ("Version:0.9\r\nStartHTML:0000000105\r\nEndHTML:0000000199\r\n"
            "StartFragment:0000000141\r\nEndFragment:0000000163\r\n<html><body>\r\n"
            "<!--StartFragment--><p>Hi <b>there</b></p><!--EndFragment-->\r\n</body></html>")
    assert html_to_markdown(html) == "Hi **there**"


def test_markup_that_html_parser_rejects_does_not_raise() -> None:
    assert html_to_markdown("<p>a<![foo]>b</p>") == "a&lt;![foo]>b"


def test_deep_nesting_does_not_exhaust_the_stack() -> None:
    depth = sys.getrecursionlimit() * 3
    html = "<div><blockquote><span>" * depth + "core" + "</span></blockquote></div>" * depth
    markdown = html_to_markdown(html)
    assert markdown.endswith("core")
    assert html_to_markdown("<p>" * 20000 + "end") == "end"


def test_five_megabyte_paste_converts() -> None:
    """A long document pasted whole: linear work, the same shape out (no timing asserts)."""
    count = 20_000
    html = "".join(
        f"<p class=MsoNormal style='margin-bottom:6.0pt'><span lang=EN-US "
        f"style='mso-fareast-font-family:DengXian'>Paragraph {i}: visit <b>Zhanqiao Pier</b> "
        f"and read <a href=\"https://example.org/qingdao/{i}\">page {i}</a> about 青岛 and the "
        f"old town by the sea.<o:p></o:p></span></p>\n"
        for i in range(count))
    assert len(html) > 5_000_000
    markdown = html_to_markdown(html)
    paragraphs = markdown.split("\n\n")
    assert len(paragraphs) == count
    assert paragraphs[0] == ("Paragraph 0: visit **Zhanqiao Pier** and read "
                             "[page 0](https://example.org/qingdao/0) about 青岛 and the old "
                             "town by the sea.")
    assert paragraphs[-1].startswith(f"Paragraph {count - 1}: visit **Zhanqiao Pier**")
    assert markdown.count("**Zhanqiao Pier**") == count
    assert markdown.count("](https://example.org/qingdao/") == count
    assert "mso" not in markdown and "\n\n\n" not in markdown
