"""The installed Qt binding is one the app can run on for a whole working day."""

from __future__ import annotations

import sys

from PySide6.QtGui import QTextCharFormat


def test_qt_calls_do_not_leak_references_to_none() -> None:
    """PySide6 6.12.0 loses a reference to None on every call returning void; on Python
    3.11 the interpreter aborts after some ten thousand of them. pyproject.toml pins it out;
    this fails if such a build is installed again."""
    probe = QTextCharFormat()
    before = sys.getrefcount(None)
    for _ in range(2000):
        probe.setFontItalic(True)
    assert sys.getrefcount(None) >= before - 10
