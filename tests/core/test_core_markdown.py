"""editor.core.markdown: the one renderer and its allowlist sanitizer (spec: "The body")."""

from __future__ import annotations

import html
import re
from concurrent.futures import ThreadPoolExecutor
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from editor.core.markdown import RENDERER_VERSION, render_body, render_key, sanitize

# The allowlist exactly as the bundle spec states it (not imported from the code under test).
SPEC_TAGS = frozenset((
    "p", "br", "hr", "h2", "h3", "h4", "strong", "em", "code", "pre", "blockquote", "ul", "ol",
    "li", "a", "img", "table", "thead", "tbody", "tr", "th", "td", "figure", "figcaption", "sup",
    "sub",
))
SPEC_ATTRIBUTES = {"a": {"href", "title"}, "img": {"src", "alt", "title"}}
LINK_SCHEMES = {"", "http", "https", "mailto", "tel"}
FORBIDDEN_MARKUP = re.compile(
    r"<\s*/?\s*(script|style|iframe|object|embed|form|svg|math|link|meta|base|input|video|"
    r"source|details|noscript|div|span|b)\b", re.IGNORECASE)


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))


def tags_of(body_html: str) -> list[tuple[str, dict[str, str | None]]]:
    parser = _Tags()
    parser.feed(body_html)
    parser.close()
    return parser.tags


def assert_inert(body_html: str, *, media_base: str = "") -> None:
    """Only the spec's elements, attributes and URL schemes; nothing that could run."""
    assert not FORBIDDEN_MARKUP.search(body_html), body_html
    for tag, attrs in tags_of(body_html):
        assert tag in SPEC_TAGS, f"<{tag}> survived in {body_html!r}"
        assert set(attrs) <= SPEC_ATTRIBUTES.get(tag, set()), f"{tag}{attrs} in {body_html!r}"
        for name, value in attrs.items():
            assert not name.startswith("on")
            compact = re.sub(r"[\x00-\x20]", "", value or "").lower()
            assert not compact.startswith(("javascript:", "data:", "vbscript:")), body_html
        if tag == "a" and attrs.get("href") is not None:
            href = attrs["href"] or ""
            assert urlsplit(href.strip()).scheme.lower() in LINK_SCHEMES, body_html
        if tag == "img":
            src = attrs.get("src") or ""
            assert src.startswith(media_base + "media/"), body_html
            assert ".." not in src[len(media_base):], body_html


# --- rendering -------------------------------------------------------------------------


def test_h1_becomes_h2_and_h5_h6_become_h4() -> None:
    out = render_body("# Top\n\n## Second\n\n### Third\n\n#### Fourth\n\n##### Fifth\n\n"
                      "###### Sixth\n")
    assert out.split("\n") == ["<h2>Top</h2>", "<h2>Second</h2>", "<h3>Third</h3>",
                               "<h4>Fourth</h4>", "<h4>Fifth</h4>", "<h4>Sixth</h4>"]


def test_setext_h1_heading_is_also_demoted() -> None:
    assert render_body("Big title\n=========\n") == "<h2>Big title</h2>"


def test_pipe_table_renders_with_head_and_body() -> None:
    out = render_body("| Zone | Price |\n| --- | --- |\n| Jufeng (巨峰) | 95 |\n| Yangkou | 70 |\n")
    assert [tag for tag, _ in tags_of(out)] == [
        "table", "thead", "tr", "th", "th", "tbody", "tr", "td", "td", "tr", "td", "td"]
    assert "<th>Zone</th>" in out
    assert "<td>Jufeng (巨峰)</td>" in out
    assert "<td>70</td>" in out


def test_unordered_and_ordered_lists() -> None:
    out = render_body("- apples\n- pears\n\n1. first\n2. second\n3. third\n")
    assert "<ul>\n<li>apples</li>\n<li>pears</li>\n</ul>" in out
    assert "<ol>\n<li>first</li>\n<li>second</li>\n<li>third</li>\n</ol>" in out


def test_nested_list_and_emphasis() -> None:
    out = render_body("- **bold** and *italic*\n    - inner `code`\n")
    assert "<strong>bold</strong>" in out
    assert "<em>italic</em>" in out
    assert out.count("<ul>") == 2
    assert "<code>code</code>" in out


@pytest.mark.parametrize(("source", "href"), [
    ("[portal](https://www.iqingdao.example/en)", "https://www.iqingdao.example/en"),
    ("[plain](http://example.com/a?b=1&c=2)", "http://example.com/a?b=1&amp;c=2"),
    ("[mail us](mailto:info@example.com)", "mailto:info@example.com"),
    ("[call](tel:+8653268873099)", "tel:+8653268873099"),
    ("[sibling](../other-article/index.html)", "../other-article/index.html"),
])
def test_links_with_allowed_targets_keep_their_href(source: str, href: str) -> None:
    text = source[1:source.index("]")]
    assert render_body(source) == f'<p><a href="{href}">{text}</a></p>'


def test_link_title_is_kept() -> None:
    assert render_body('[a](https://e.example "The title")') == (
        '<p><a href="https://e.example" title="The title">a</a></p>')


def test_fenced_code_and_blockquote() -> None:
    out = render_body("> quoted words\n\n```\n<script>x()</script>\n```\n")
    assert "<blockquote>\n<p>quoted words</p>\n</blockquote>" in out
    assert "<pre><code>&lt;script&gt;x()&lt;/script&gt;\n</code></pre>" in out
    assert_inert(out)


def test_special_characters_in_text_are_escaped() -> None:
    assert render_body("Tom & Jerry < 3 > 2") == "<p>Tom &amp; Jerry &lt; 3 &gt; 2</p>"


def test_chinese_text_is_kept() -> None:
    assert render_body("**崂山 (Laoshan)** 是青岛的名山。") == (
        "<p><strong>崂山 (Laoshan)</strong> 是青岛的名山。</p>")


def test_empty_body_renders_empty() -> None:
    assert render_body("") == ""


def test_demo_articles_render_within_the_allowlist(demo_files: list[Path]) -> None:
    assert len(demo_files) == 5
    for path in demo_files:
        out = render_body(path.read_text(encoding="utf-8").split("\n---\n", 1)[1])
        assert_inert(out)
        assert "<h2>" in out
        assert re.search(r"[\u4e00-\u9fff]", out), path.name


# --- images ----------------------------------------------------------------------------


def test_media_image_gets_media_base() -> None:
    assert render_body("![Harbour map](media/ab12.png)", media_base="../../") == (
        '<p><img alt="Harbour map" src="../../media/ab12.png"></p>')


def test_media_image_without_media_base_keeps_its_path() -> None:
    assert render_body("![Harbour map](media/ab12.png)") == (
        '<p><img alt="Harbour map" src="media/ab12.png"></p>')


@pytest.mark.parametrize("src", ["https://cdn.example/pic.jpg", "http://cdn.example/pic.jpg",
                                 "HTTPS://cdn.example/pic.jpg"])
def test_web_image_becomes_a_link_named_by_its_alt(src: str) -> None:
    out = render_body(f"Look: ![Beach at dusk]({src}) here", media_base="../../")
    assert out == f'<p>Look: <a href="{src}">Beach at dusk</a> here</p>'
    assert "<img" not in out


@pytest.mark.parametrize(("src", "text"), [
    ("images/local.png", "[Tea terrace]"),
    ("/media/abs.png", "[Tea terrace]"),
    ("media/../../etc/passwd", "[Tea terrace]"),
    ("ftp://files.example/x.png", "[Tea terrace]"),
    ("data:image/png;base64,iVBORw0KGgo=", "[Tea terrace]"),
    ("javascript:alert(1)", "[Tea terrace]"),
    ("file:///etc/passwd", "[Tea terrace]"),
])
def test_other_images_become_bracketed_alt_text(src: str, text: str) -> None:
    out = render_body(f"![Tea terrace]({src})", media_base="../../")
    assert out == f"<p><em>{text}</em></p>"


def test_image_without_alt_outside_media_reads_image() -> None:
    assert render_body("![](pics/x.png)") == "<p><em>[image]</em></p>"


def test_raw_html_image_outside_media_becomes_alt_text() -> None:
    assert render_body('<img src="https://x.example/a.png" alt="Pier">') == (
        "<p><em>[Pier]</em></p>")


def test_captioned_image_alone_becomes_a_figure() -> None:
    out = render_body('![Pier](media/p.jpg "Old pier")')
    assert out == ('<figure><img alt="Pier" src="media/p.jpg" title="Old pier">'
                   "<figcaption>Old pier</figcaption></figure>")


def test_image_title_survives_on_an_inline_media_image() -> None:
    out = render_body('See ![Pier](media/p.jpg "Old pier") here')
    assert out == '<p>See <img alt="Pier" src="media/p.jpg" title="Old pier"> here</p>'


# --- hostile input ---------------------------------------------------------------------

HOSTILE = [
    "<script>alert(1)</script>hello",
    "<SCRIPT>alert(1)</SCRIPT>",
    "<ScRiPt src=https://evil.example/x.js></sCrIpT>",
    '<img src="x" onerror="alert(1)">',
    '<IMG SRC="javascript:alert(1)">',
    '<img src="media/a.png" alt="a" onerror="alert(1)" onload=alert(2)>',
    "[click](javascript:alert(1))",
    "[click](JaVaScRiPt:alert(1))",
    "[click](&#106;avascript:alert(1))",
    '<a href="&#x6A;avascript:alert(1)">x</a>',
    '<a href="java&#x09;script:alert(1)">x</a>',
    '<a href="javascript&colon;alert(1)">x</a>',
    '<a href=" javascript:alert(1)">x</a>',
    '<a href="vbscript:msgbox(1)">x</a>',
    '<a HREF="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">x</a>',
    "[x](data:text/html,<script>alert(1)</script>)",
    "![x](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)",
    '<svg onload="alert(1)"><circle r="5"/></svg>',
    "<svg><script>alert(1)</script></svg>",
    '<svg><a xlink:href="javascript:alert(1)"><text>x</text></a></svg>',
    '<math><mi xlink:href="javascript:alert(1)">x</mi></math>',
    '<iframe src="https://evil.example"></iframe>',
    '<iframe srcdoc="<script>alert(1)</script>"></iframe>',
    '<p style="background:url(javascript:alert(1))">styled</p>',
    "<style>body { display: none }</style>",
    '<object data="evil.swf"></object><embed src="evil.swf">',
    '<form action="https://evil.example"><input name="q"><button>go</button></form>',
    '<div onclick="alert(1)">div</div>',
    '<a href="https://ok.example" onmouseover="alert(1)">ok</a>',
    "<p><b onmouseover=alert(1)>bold</b></p>",
    '<table><tr><td onclick="x()" style="color:red">cell</td></tr></table>',
    "<scr<script>ipt>alert(1)</scr</script>ipt>",
    "<<script>script>alert(1)<</script>/script>",
    '<noscript><p title="</noscript><img src=x onerror=alert(1)>">',
    "<!-- <script>alert(1)</script> -->visible",
    '<details open ontoggle="alert(1)">d</details>',
    '<video><source onerror="alert(1)"></video>',
    '<link rel="stylesheet" href="https://evil.example/x.css">',
    '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
    '<base href="javascript:/">',
    '<img src="media/x.png" alt="x" srcset="https://evil.example/a.png 2x" width="9">',
    '<a href="https://e.example" target="_blank" rel="opener">t</a>',
    "&lt;script&gt;alert(1)&lt;/script&gt;",
    '<img src="media/x.png" alt="x" title="&quot; onerror=alert(1)">',
    "<p>unclosed <em>tags <strong>here",
    '<a href="https://e.example"><a href="javascript:alert(1)">nested</a></a>',
]


@pytest.mark.parametrize("source", HOSTILE)
def test_hostile_markdown_renders_inert(source: str) -> None:
    assert_inert(render_body(source, media_base="../../"), media_base="../../")


@pytest.mark.parametrize("source", HOSTILE)
def test_hostile_html_sanitizes_inert(source: str) -> None:
    assert_inert(sanitize(source))


@pytest.mark.parametrize("source", HOSTILE)
def test_sanitize_is_idempotent_on_rendered_and_sanitized_output(source: str) -> None:
    rendered = render_body(source)
    assert sanitize(rendered) == rendered
    cleaned = sanitize(source)
    assert sanitize(cleaned) == cleaned


@pytest.mark.parametrize("source", HOSTILE)
def test_hostile_payload_never_lands_in_a_url(source: str) -> None:
    for out in (render_body(source), sanitize(source)):
        for _tag, attrs in tags_of(out):
            for name in ("href", "src"):
                assert "alert" not in (attrs.get(name) or "").lower(), out


@pytest.mark.parametrize("source", [
    "<script>alert(1)</script>hello",
    "<SCRIPT>alert(1)</SCRIPT>",
    "<svg><script>alert(1)</script></svg>",
    "<style>body { display: none }</style>",
])
def test_script_and_style_content_is_dropped_not_shown(source: str) -> None:
    for out in (render_body(source), sanitize(source)):
        assert "alert" not in out
        assert "display" not in out


def test_event_handler_removed_but_element_kept() -> None:
    assert sanitize('<a href="https://ok.example" onmouseover="alert(1)">ok</a>') == (
        '<a href="https://ok.example">ok</a>')
    assert sanitize('<img src="media/a.png" onerror="alert(1)" alt="a">') == (
        '<img src="media/a.png" alt="a">')


def test_style_attribute_removed_but_text_kept() -> None:
    assert sanitize('<p style="color:red">x</p>') == "<p>x</p>"
    assert render_body('<p style="color:red">x</p>') == "<p>x</p>"


def test_javascript_link_keeps_its_text_but_loses_its_target() -> None:
    assert render_body("[click me](javascript:alert(1))") == "<p><a>click me</a></p>"
    assert sanitize('<a href="JAVASCRIPT:alert(1)">click me</a>') == "<a>click me</a>"


def test_disallowed_wrappers_are_unwrapped_keeping_text() -> None:
    assert sanitize('<div onclick="alert(1)"><span>inner</span> text</div>') == "inner text"


def test_sanitize_adds_media_base_to_media_images_only() -> None:
    out = sanitize('<img src="media/a.png" alt="A"><img src="other/b.png" alt="B">',
                   media_base="../../")
    assert out == '<img src="../../media/a.png" alt="A"><em>[B]</em>'


def test_sanitize_turns_sourceless_image_into_escaped_alt_text() -> None:
    assert sanitize('<img src="https://e.example/x.png" alt="a <b> &amp; c">') == (
        "<em>[a &lt;b&gt; &amp; c]</em>")


def test_entities_in_text_stay_text() -> None:
    out = sanitize("&lt;script&gt;alert(1)&lt;/script&gt;")
    assert out == "&lt;script&gt;alert(1)&lt;/script&gt;"
    assert html.unescape(out) == "<script>alert(1)</script>"


def test_comments_are_stripped() -> None:
    assert sanitize("<!-- secret -->shown") == "shown"


def test_malformed_nesting_is_closed() -> None:
    out = sanitize("<p>unclosed <em>tags <strong>here")
    assert out == "<p>unclosed <em>tags <strong>here</strong></em></p>"


@pytest.mark.parametrize("source", [
    "[elsewhere](//evil.example/page)",
    '<a href="//evil.example/page">elsewhere</a>',
    '<a href="/absolute/path">elsewhere</a>',
])
def test_link_outside_the_bundle_loses_its_target(source: str) -> None:
    """Spec: a[href] only http:, https:, mailto:, tel: or a relative target *inside* the
    bundle. '//host/…' goes to another host and '/…' to the host's root: neither is inside
    the bundle (bundle paths "never start with /")."""
    for out in (render_body(source), sanitize(source)):
        for tag, attrs in tags_of(out):
            if tag == "a":
                assert not (attrs.get("href") or "").startswith("/"), out


@pytest.mark.parametrize("source", [
    "![x](media/%2e%2e/%2e%2e/secret.png)",
    '<img src="media/%2E%2E/x.png" alt="x">',
    "![x](media/.%2e/x.png)",
])
def test_media_image_cannot_climb_out_of_media_with_encoded_dots(source: str) -> None:
    """Spec: img[src] only pointing into media/, paths never contain '..'. Browsers decode
    '%2e%2e' as a '..' segment, so these point outside media/ (and outside the bundle)."""
    for out in (render_body(source), sanitize(source)):
        for tag, attrs in tags_of(out):
            if tag == "img":
                segments = unquote(attrs.get("src") or "").split("/")
                assert ".." not in segments and "." not in segments, out


def test_renderer_gives_the_same_html_on_many_threads(demo_files: list[Path]) -> None:
    texts = [path.read_text(encoding="utf-8") for path in demo_files] * 4
    expected = [render_body(text) for text in texts]
    with ThreadPoolExecutor(max_workers=4) as pool:
        assert list(pool.map(render_body, texts)) == expected


# --- render keys -----------------------------------------------------------------------


def test_render_key_names_renderer_version_and_text() -> None:
    key = render_key("Hello")
    assert key.startswith(f"{RENDERER_VERSION}:")
    assert re.fullmatch(r"[^:]+:[0-9a-f]{64}", key)
    assert render_key("Hello") == key
    assert render_key("Hello ") != key
    assert render_key("青岛") != render_key("青")
