"""The layering rule: core ← store ← services ← ui ← app; no Qt below ui, no SQL in ui."""

from __future__ import annotations

import re
from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src" / "editor"
IMPORT = re.compile(r"^\s*(?:from|import)\s+([\w.]+)", re.MULTILINE)


def _imports(folder: Path) -> dict[str, set[str]]:
    found = {}
    for path in sorted(folder.rglob("*.py")):
        found[str(path.relative_to(SRC))] = set(IMPORT.findall(path.read_text(encoding="utf-8")))
    return found


def _offenders(folder: str, forbidden: tuple[str, ...]) -> list[str]:
    return [f"{path}: {name}" for path, names in _imports(SRC / folder).items()
            for name in sorted(names) if name.startswith(forbidden)]


def test_nothing_below_ui_imports_qt() -> None:
    for layer in ("core", "store", "services", "portal"):
        assert _offenders(layer, ("PySide6",)) == [], layer
    assert "PySide6" not in (SRC / "cli.py").read_text(encoding="utf-8")


def test_core_imports_neither_the_database_nor_the_services() -> None:
    assert _offenders("core", ("sqlalchemy", "alembic", "editor.store", "editor.services",
                               "editor.ui", "editor.portal")) == []


def test_ui_never_imports_sqlalchemy_or_the_store() -> None:
    assert _offenders("ui", ("sqlalchemy", "alembic", "editor.store")) == []


def test_the_app_never_creates_tables_behind_alembic() -> None:
    for path in SRC.rglob("*.py"):
        assert "create_all(" not in path.read_text(encoding="utf-8"), path
