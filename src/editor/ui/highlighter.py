"""Markdown syntax highlighting for the editor, as the portal's renderer reads the text.

Each line is highlighted on its own; what carries over from one line to the next (an open
fenced code block, an open HTML comment) is the block state, so Qt re-highlights the lines
below whenever that changes. Where Markdown dialects differ, the rules follow
Python-Markdown with the extensions `core.markdown` uses (headings and fences start in the
first column, `#title` is a heading, a fence closes only with the same fence), so what is
coloured here is what the preview shows. One difference: a fence that is still open colours
everything below it as code, as it will be once the author types the closing fence.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from typing import ClassVar, Final

from PySide6.QtGui import QColor, QFont, QSyntaxHighlighter, QTextCharFormat, QTextDocument

# Block states. Qt starts every block at -1, which reads as NORMAL.
NORMAL: Final = 0
IN_COMMENT: Final = 1
_FENCE: Final = 1 << 20  # | _TILDE | the fence's length
_TILDE: Final = 1 << 19
_LENGTH: Final = _TILDE - 1

# Layers a character can carry; a run's format is these merged in _LAYER_ORDER.
_QUOTE: Final = 1
_HEADING: Final = 1 << 1
_LIST: Final = 1 << 2
_LINK_TEXT: Final = 1 << 3
_IMAGE_ALT: Final = 1 << 4
_STRONG: Final = 1 << 5
_EMPHASIS: Final = 1 << 6
_URL: Final = 1 << 7
_TITLE: Final = 1 << 8
_CODE: Final = 1 << 9
_MARKUP: Final = 1 << 10
_COMMENT: Final = 1 << 11

_FILL: Final = "\x01"  # stands in for characters later patterns must not see
#: Longer lines (pasted data, not prose) get their block markup coloured but no inline
#: markup, whose patterns can take quadratic time.
INLINE_LIMIT: Final = 10_000

# Whole-line constructs, matched at a position (so no "^": pos is the line start).
_FENCE_OPEN = re.compile(
    r"(`{3,}|~{3,})[ ]*(?:\{[^}]*\}|\.?[\w#.+-]*[ ]*(?:hl_lines=([\"'])[^\"']*\2[ ]*)?)")
_HR = re.compile(r" {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*")
_TABLE_ALIGN = re.compile(
    r"[ \t]*(?=[^|]*\|)\|?[ \t]*:?-+:?[ \t]*(?:\|[ \t]*:?-+:?[ \t]*)*\|?[ \t]*")
_QUOTE_PREFIX = re.compile(r"(?: {0,3}> ?)+")
_HEADING_LINE = re.compile(r"(#{1,6})(.*?)(?:(?<=\s)(#+)[ \t]*)?")
_LIST_MARKER = re.compile(r"[ \t]*([-*+]|\d{1,9}\.)(?:[ \t]+|$)")
_REF_DEFINITION = re.compile(
    r" {0,3}(\[)([^\]]+)(\]:)[ \t]*(<[^>]*>|\S+)(?:[ \t]+(\"[^\"]*\"|'[^']*'|\([^()]*\)))?[ \t]*")

# Inline constructs.
_CODE_SPAN = re.compile(r"(?<![\\`])(`+)(?!`)(.+?)(?<!`)\1(?!`)")
_ESCAPE = re.compile(r"\\[\\`*_{}\[\]()#+\-.!|<>~]")
_AUTOLINK = re.compile(r"<(?:(?:https?|ftp|mailto|tel):[^\s<>]+|[^\s<>@]+@[^\s<>@]+\.[^\s<>@]+)>")
_LINK = re.compile(
    r"(!?)\[((?:[^\[\]\\]|\\.|\[[^\[\]]*\])*)\]"
    r"\([ \t]*(<[^<>]*>|(?:[^()\s]|\([^()\s]*\))*)"
    r"(?:[ \t]+(\"[^\"]*\"|'[^']*'|\([^()]*\)))?[ \t]*\)")
_REF_LINK = re.compile(r"(!?)\[((?:[^\[\]\\]|\\.)+)\] ?\[([^\[\]]*)\]")
_BARE_URL = re.compile(r"(?<![\w/@.:-])(?:https?://|www\.)[^\s<>\x01]*[^\s<>\x01.,;:!?'\")\]*_]")
_PIPE = re.compile(r"\|")
_ASTRAL = re.compile("[\U00010000-\U0010ffff]")
# Emphasis: "*" may sit inside a word, "_" may not (as in Python-Markdown).
_STRONG_EMPHASIS = re.compile(r"(?<!\*)\*\*\*(?![\s*])(.+?)(?<![\s*])\*\*\*(?!\*)"
                              r"|(?<!\w)___(?![\s_])(.+?)(?<![\s_])___(?!\w)")
_STRONG_ONLY = re.compile(r"(?<!\*)\*\*(?![\s*])(.+?)(?<!\s)\*\*(?!\*)"
                          r"|(?<!\w)__(?![\s_])(.+?)(?<!\s)__(?!\w)")
_EMPHASIS_ONLY = re.compile(r"(?<!\*)\*(?![\s*])(.+?)(?<![\s*])\*(?!\*)"
                            r"|(?<!\w)_(?![\s_])(.+?)(?<![\s_])_(?!\w)")
_EMPHASES = ((_STRONG_EMPHASIS, 3, _STRONG | _EMPHASIS), (_STRONG_ONLY, 2, _STRONG),
             (_EMPHASIS_ONLY, 1, _EMPHASIS))

#: Code families in order of preference; Qt takes the first one installed.
CODE_FAMILIES: Final = ("DejaVu Sans Mono", "Menlo", "Consolas", "Noto Sans Mono",
                        "Liberation Mono", "Courier New", "monospace")

Span = tuple[int, int, int]  # start, end, layers


def _char_format(color: str | None = None, *, bold: bool = False, italic: bool = False,
                 code: bool = False, background: str | None = None) -> QTextCharFormat:
    """A format that only sets what it names, so formats merge cleanly. Never the size:
    a larger font in one line would upset the editor's line metrics."""
    fmt = QTextCharFormat()
    if color:
        fmt.setForeground(QColor(color))
    if bold:
        fmt.setFontWeight(QFont.Weight.Bold)
    if italic:
        fmt.setFontItalic(True)
    if code:
        fmt.setFontFamilies(list(CODE_FAMILIES))
        fmt.setFontStyleHint(QFont.StyleHint.Monospace)
        fmt.setFontFixedPitch(True)
    if background:
        fmt.setBackground(QColor(background))
    return fmt


def _masked(work: str, spans: list[tuple[int, int]]) -> str:
    """`work` with the characters of `spans` replaced by _FILL (the length stays)."""
    if not spans:
        return work
    pieces: list[str] = []
    done = 0
    for start, end in sorted(spans):
        start = max(start, done)
        if end > start:
            pieces += (work[done:start], _FILL * (end - start))
            done = end
    pieces.append(work[done:])
    return "".join(pieces)


def _astral_positions(text: str) -> list[int] | None:
    """Where the characters outside the Basic Multilingual Plane (emoji, say) are, or None
    if there are none: Qt counts them as two UTF-16 units, Python as one character."""
    if text.isascii() or max(text) <= "\uffff":
        return None
    return [m.start() for m in _ASTRAL.finditer(text)]


class MarkdownHighlighter(QSyntaxHighlighter):
    """Colours Markdown source while it is typed; attach with `MarkdownHighlighter(doc)`."""

    # A calm palette for a white page; muted greys stay above 3:1 contrast.
    HEADING: ClassVar = _char_format("#1f4e79", bold=True)
    STRONG: ClassVar = _char_format(bold=True)
    EMPHASIS: ClassVar = _char_format(italic=True)
    CODE: ClassVar = _char_format("#9c3d2e", code=True, background="#f3f1ee")
    CODE_BLOCK: ClassVar = _char_format("#34434f", code=True, background="#f2f4f6")
    FENCE: ClassVar = _char_format("#7c8590", code=True, background="#f2f4f6")
    LINK_TEXT: ClassVar = _char_format("#1a63a5")
    IMAGE_ALT: ClassVar = _char_format("#7a4a9e")
    URL: ClassVar = _char_format("#2a7a70")
    LINK_TITLE: ClassVar = _char_format("#6f7780", italic=True)
    LIST_MARKER: ClassVar = _char_format("#b06a00", bold=True)
    QUOTE: ClassVar = _char_format("#5f6b78", italic=True)
    MARKUP: ClassVar = _char_format("#8a9099")
    COMMENT: ClassVar = _char_format("#7d858e", italic=True)

    _LAYER_ORDER: ClassVar = ((_QUOTE, QUOTE), (_HEADING, HEADING), (_LIST, LIST_MARKER),
                              (_LINK_TEXT, LINK_TEXT), (_IMAGE_ALT, IMAGE_ALT),
                              (_STRONG, STRONG), (_EMPHASIS, EMPHASIS), (_URL, URL),
                              (_TITLE, LINK_TITLE), (_CODE, CODE), (_MARKUP, MARKUP))
    #: Merged formats, made once per combination of layers and shared by every instance.
    _merged: ClassVar[dict[int, QTextCharFormat]] = {}

    def __init__(self, document: QTextDocument) -> None:
        super().__init__(document)
        if not document.isEmpty():
            # Qt would wait for the event loop; colour the text that is already there now.
            self.rehighlight()

    # -- Qt -------------------------------------------------------------------------------

    def highlightBlock(self, text: str) -> None:
        state, _formats_set = self._highlight(text)
        self.setCurrentBlockState(state)  # always, so changes ripple down to later lines

    # -- lines ----------------------------------------------------------------------------

    def _highlight(self, text: str) -> tuple[int, int]:
        """Set the line's formats; return the state it ends in and how many formats it set."""
        previous = self.previousBlockState()
        if previous >= _FENCE:
            return self._fenced_line(text, previous)
        spans: list[Span] = []
        start = 0
        if previous == IN_COMMENT:
            close = text.find("-->")
            if close < 0:
                return IN_COMMENT, self._whole_line(text, self.COMMENT)
            start = close + 3
            spans.append((0, start, _COMMENT))
        else:
            fence = _FENCE_OPEN.fullmatch(text)
            if fence:
                marker = fence.group(1)
                tilde = _TILDE if marker[0] == "~" else 0
                state = _FENCE | tilde | min(len(marker), _LENGTH)
                return state, self._whole_line(text, self.FENCE)
            if _HR.fullmatch(text) or _TABLE_ALIGN.fullmatch(text):
                return NORMAL, self._whole_line(text, self.MARKUP)
        protected: list[tuple[int, int]] = []
        if start == 0:
            self._block_markers(text, spans, protected)
        if len(text) > INLINE_LIMIT:
            close = text.rfind("-->")
            state = IN_COMMENT if text.find("<!--", max(close, start)) >= 0 else NORMAL
            return state, self._apply(text, spans)
        state = self._inline(text, start, spans, protected)
        return state, self._apply(text, spans)

    def _fenced_line(self, text: str, state: int) -> tuple[int, int]:
        """A line inside a fence is code; only the very same fence closes it."""
        char = "~" if state & _TILDE else "`"
        if text[:1] == char and text.rstrip(" ") == char * (state & _LENGTH):
            return NORMAL, self._whole_line(text, self.FENCE)
        return state, self._whole_line(text, self.CODE_BLOCK)

    def _whole_line(self, text: str, fmt: QTextCharFormat) -> int:
        if not text:
            return 0
        length = len(text) if text.isascii() else len(text.encode("utf-16-le")) // 2
        self.setFormat(0, length, fmt)
        return 1

    @staticmethod
    def _block_markers(text: str, spans: list[Span], protected: list[tuple[int, int]]) -> None:
        """Quote prefixes, then a heading, list marker or link definition."""
        pos = 0
        quote = _QUOTE_PREFIX.match(text)
        if quote:
            pos = quote.end()
            spans.append((0, len(text), _QUOTE))
            spans.append((0, pos, _MARKUP))
            protected.append((0, pos))
        heading = _HEADING_LINE.fullmatch(text, pos)
        if heading:
            spans.append((pos, len(text), _HEADING))
            spans.append((pos, heading.end(1), _MARKUP))
            protected.append((pos, heading.end(1)))
            if heading.group(3):
                spans.append((heading.start(3), heading.end(3), _MARKUP))
                protected.append((heading.start(3), heading.end(3)))
            return
        marker = _LIST_MARKER.match(text, pos)
        if marker:
            spans.append((marker.start(1), marker.end(1), _LIST))
            protected.append((marker.start(1), marker.end(1)))
            return
        definition = _REF_DEFINITION.fullmatch(text, pos)
        if definition:
            spans.extend(((definition.start(1), definition.end(1), _MARKUP),
                          (definition.start(2), definition.end(2), _LINK_TEXT),
                          (definition.start(3), definition.end(3), _MARKUP),
                          (definition.start(4), definition.end(4), _URL)))
            if definition.group(5):
                spans.append((definition.start(5), definition.end(5), _TITLE))
            protected.append((definition.start(1), len(text)))

    def _inline(self, text: str, start: int, spans: list[Span],
                protected: list[tuple[int, int]]) -> int:
        """Code spans and comments (left to right: whichever opens first wins), then links,
        URLs, table pipes and emphasis. Returns the state the line ends in."""
        state = NORMAL
        if start:
            protected.append((0, start))
        pos = start
        comment = text.find("<!--", pos)
        while True:
            if 0 <= comment < pos:
                comment = text.find("<!--", pos)
            code = _CODE_SPAN.search(text, pos)
            if comment >= 0 and (code is None or comment < code.start()):
                close = text.find("-->", comment + 4)
                end = len(text) if close < 0 else close + 3
                spans.append((comment, end, _COMMENT))
                protected.append((comment, end))
                if close < 0:
                    state = IN_COMMENT
                    break
                pos = end
                continue
            if code is None:
                break
            spans.extend(((code.start(), code.end(), _CODE),
                          (code.start(), code.end(1), _MARKUP),
                          (code.end(2), code.end(), _MARKUP)))
            protected.append(code.span())
            pos = code.end()
        work = _masked(text, protected)
        if "\\" in work:
            work = _masked(work, [m.span() for m in _ESCAPE.finditer(work)])
        if "<" in work:
            work = self._autolinks(work, spans)
        if "[" in work:
            work = self._links(work, spans)
        if "http" in work or "www." in work:
            work = self._urls(work, spans)
        if "|" in work:
            pipes = [m.span() for m in _PIPE.finditer(work)]
            spans.extend((s, e, _MARKUP) for s, e in pipes)
            work = _masked(work, pipes)
        if "*" in work or "_" in work:
            self._emphasis(work, spans)
        return state

    @staticmethod
    def _autolinks(work: str, spans: list[Span]) -> str:
        found = [m.span() for m in _AUTOLINK.finditer(work)]
        for s, e in found:
            spans.extend(((s, s + 1, _MARKUP), (s + 1, e - 1, _URL), (e - 1, e, _MARKUP)))
        return _masked(work, found)

    @staticmethod
    def _links(work: str, spans: list[Span]) -> str:
        """Inline and reference links and images; a second pass finds an image that is
        the text of a link. Everything but the text is hidden from later patterns."""
        for _ in range(2):
            hidden: list[tuple[int, int]] = []
            for m in _LINK.finditer(work):
                text_layer = _IMAGE_ALT if m.group(1) else _LINK_TEXT
                parts = [(m.start(), m.start(2), _MARKUP), (m.start(2), m.end(2), text_layer),
                         (m.end(2), m.start(3), _MARKUP), (m.start(3), m.end(3), _URL)]
                if m.group(4):
                    parts += [(m.end(3), m.start(4), _MARKUP), (m.start(4), m.end(4), _TITLE),
                              (m.end(4), m.end(), _MARKUP)]
                else:
                    parts.append((m.end(3), m.end(), _MARKUP))
                spans.extend(parts)
                hidden += [(m.start(), m.start(2)), (m.end(2), m.end())]
            for m in _REF_LINK.finditer(work):
                text_layer = _IMAGE_ALT if m.group(1) else _LINK_TEXT
                spans.extend(((m.start(), m.start(2), _MARKUP),
                              (m.start(2), m.end(2), text_layer),
                              (m.end(2), m.end(), _MARKUP)))
                hidden += [(m.start(), m.start(2)), (m.end(2), m.end())]
            if not hidden:
                break
            work = _masked(work, hidden)
        return work

    @staticmethod
    def _urls(work: str, spans: list[Span]) -> str:
        found = [m.span() for m in _BARE_URL.finditer(work)]
        spans.extend((s, e, _URL) for s, e in found)
        return _masked(work, found)

    @staticmethod
    def _emphasis(work: str, spans: list[Span]) -> None:
        """Strong-and-emphasis, then strong, then emphasis; each round hides the markers it
        used, so `**a *b* c**` is strong with an emphasis inside."""
        for pattern, width, layer in _EMPHASES:
            markers: list[tuple[int, int]] = []
            for m in pattern.finditer(work):
                s, e = m.span()
                spans.extend(((s, e, layer), (s, s + width, _MARKUP), (e - width, e, _MARKUP)))
                markers += [(s, s + width), (e - width, e)]
            if markers:
                work = _masked(work, markers)

    # -- formats --------------------------------------------------------------------------

    def _apply(self, text: str, spans: list[Span]) -> int:
        """Sweep the line from edge to edge of the spans; each run gets the merge of the
        layers covering it. Returns how many formats it set."""
        edges = [edge for start, end, layer in spans if end > start
                 for edge in ((start, layer), (end, -layer))]
        if not edges:
            return 0
        edges.sort()
        astral = _astral_positions(text)
        active: dict[int, int] = {}
        formats_set = 0
        run_start = run_layers = 0
        left = edges[0][0]
        for pos, change in edges:
            if pos > left:
                layers = 0
                for layer, count in active.items():
                    if count:
                        layers |= layer
                if layers != run_layers:
                    formats_set += self._set_run(run_start, left, run_layers, astral)
                    run_start, run_layers = left, layers
                left = pos
            if change > 0:
                active[change] = active.get(change, 0) + 1
            else:
                active[-change] -= 1
        return formats_set + self._set_run(run_start, left, run_layers, astral)

    def _set_run(self, start: int, end: int, layers: int, astral: list[int] | None) -> int:
        if not layers or end <= start:
            return 0
        if astral is not None:  # to UTF-16: one more unit for each astral character before
            start += bisect_left(astral, start)
            end += bisect_left(astral, end)
        self.setFormat(start, end - start, self._format_for(layers))
        return 1

    @classmethod
    def _format_for(cls, layers: int) -> QTextCharFormat:
        fmt = cls._merged.get(layers)
        if fmt is None:
            if layers & _COMMENT:
                fmt = cls.COMMENT
            else:
                fmt = QTextCharFormat()
                for layer, part in cls._LAYER_ORDER:
                    if layers & layer:
                        fmt.merge(part)
            cls._merged[layers] = fmt
        return fmt
