"""Bundle fixtures: a database with the demo articles approved, plus one secret draft."""

from __future__ import annotations

from pathlib import Path

import pytest

from editor.cli import main

DRAFT_SECRET = "Unannounced ferry timetable for Huangdao xyzzy-draft-marker"


def run_cli(*args: str) -> int:
    return main(list(args))


@pytest.fixture
def filled_db(db_url: str, demo_files: list[Path], tmp_path: Path) -> str:
    """The demo files imported as approved, and a draft whose text must never be exported."""
    assert run_cli("--db", db_url, "import", "--status", "approved", *map(str, demo_files)) == 0
    draft = tmp_path / "draft.md"
    draft.write_text(
        "---\ntitle: Secret draft about Huangdao\ncategory: [Visit, Entrance tickets]\n"
        f"date: 2026-01-05\nsource: iqingdao\nsummary: {DRAFT_SECRET} summary\n---\n\n"
        f"{DRAFT_SECRET}\n", encoding="utf-8")
    assert run_cli("--db", db_url, "import", str(draft)) == 0
    return db_url
