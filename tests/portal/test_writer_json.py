"""The bundle's JSON: the fast path writes exactly what json.dumps would."""

from __future__ import annotations

import json

import pytest

from editor.portal.writer import dump_json

VALUES = [
    {"path": "articles/a-b/index.html", "sha256": "ab" * 32, "bytes": 1234},
    {"title": 'Quote " inside', "n": 1},
    {"title": "Back\\slash"},
    {"title": "青岛 Chinese", "x": "\u2028 line separator"},
    {"flag": True, "none": None, "float": 1.5, "zero": 0, "negative": -3},
    {"empty": "", "tab": "a\tb", "newline": "a\nb", "control": "\x01"},
    {"nested": {"a": [1, 2, {"b": "c"}]}, "list": []},
]


@pytest.mark.parametrize("value", VALUES)
def test_every_line_is_what_json_would_write(value: dict[str, object]) -> None:
    data = dump_json({"files": [value, value], "single": value})
    assert json.loads(data) == {"files": [value, value], "single": value}
    expected = json.dumps(value, ensure_ascii=False, separators=(", ", ": "))
    assert f"    {expected},\n    {expected}\n" in data.decode("utf-8")
