"""Test set-up: headless Qt, a fresh data folder per test, real SQLite files under tmp_path."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ["QT_QPA_PLATFORM"] = "offscreen"
os.environ["QTWEBENGINE_DISABLE_SANDBOX"] = "1"
os.environ.setdefault("QTWEBENGINE_CHROMIUM_FLAGS", "--disable-gpu --no-sandbox")
os.environ.pop("PORTAL_EDITOR_DB", None)

SHARED = Path(__file__).resolve().parents[2] / "shared"
DEMO = Path(__file__).resolve().parents[1] / "src" / "editor" / "resources" / "demo"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Tests that use qtbot are GUI tests: `pytest -m "not gui"` runs the Qt-free rest."""
    for item in items:
        if "qtbot" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.gui)


@pytest.fixture(scope="session")
def qapp_cls():
    """QtWebEngine needs shared GL contexts set before the QApplication is made."""
    from PySide6.QtWidgets import QApplication

    from editor.app import prepare_qt

    prepare_qt()
    return QApplication


@pytest.fixture(autouse=True)
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Every test gets its own per-user data folder, never the real one."""
    folder = tmp_path / "data"
    monkeypatch.setenv("PORTAL_EDITOR_DATA_DIR", str(folder))
    monkeypatch.delenv("PORTAL_EDITOR_DB", raising=False)
    return folder


@pytest.fixture
def db_url(tmp_path: Path) -> str:
    from editor.store.engine import sqlite_url

    return sqlite_url(tmp_path / "portal.sqlite3")


@pytest.fixture
def database(db_url: str) -> Iterator[object]:
    from editor.store.database import open_database

    db = open_database(db_url)
    yield db
    db.close()


@pytest.fixture
def demo_files() -> list[Path]:
    return sorted(DEMO.glob("*.md"))


@pytest.fixture
def spec_dir() -> Path:
    """The bundle spec and its schemas, as shared with the publishers."""
    if not (SHARED / "spec").is_dir():
        pytest.fail(f"the shared spec folder is missing: {SHARED / 'spec'}")
    return SHARED / "spec"


def tiny_png(red: int = 200, green: int = 80, blue: int = 40) -> bytes:
    """A real 1×1 PNG of one colour: different colours give different media hashes."""
    import struct
    import zlib

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    pixels = zlib.compress(bytes([0, red, green, blue]))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels)
            + chunk(b"IEND", b""))
