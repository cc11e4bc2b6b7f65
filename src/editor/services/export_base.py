"""The base of a delta export: a bundle folder, a .zip, or a bundle_id the ledger remembers."""

from __future__ import annotations

import json
import re
import zipfile
from pathlib import Path

from editor.core.ledger import State
from editor.portal import layout
from editor.store import ledger
from editor.store.database import Database

_BUNDLE_ID = re.compile(r"^[0-9a-f]{64}$")


class BaseError(ValueError):
    """The base named for a delta export cannot be used; the message says why."""


def _manifest(path: Path) -> dict[str, object]:
    try:
        if path.is_dir():
            text = (path / layout.MANIFEST).read_text(encoding="utf-8")
        else:
            with zipfile.ZipFile(path) as archive:
                text = archive.read(layout.MANIFEST).decode("utf-8")
        manifest = json.loads(text)
    except (OSError, KeyError, zipfile.BadZipFile, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise BaseError(f"{path} is not a readable bundle: {exc}") from exc
    if not isinstance(manifest, dict) or manifest.get("format") != "portal-export":
        raise BaseError(f"{path} is not a portal export bundle")
    return manifest


def resolve_base(database: Database, base: str | Path) -> tuple[str, State]:
    """The base's bundle_id and the articles the publishers hold after it."""
    text = str(base).strip()
    path = Path(text).expanduser()
    with database.transaction() as session:
        if path.exists():
            manifest = _manifest(path)
            bundle_id = str(manifest.get("bundle_id", ""))
            known = ledger.state(session, bundle_id)
            if known is not None:
                return bundle_id, known
            if manifest.get("kind") != "full":
                raise BaseError(f"{path} is a delta bundle this database did not make; give the "
                                "full bundle it was built on, or a bundle_id from the history")
            articles = manifest.get("articles", [])
            return bundle_id, {str(a["id"]): (str(a["slug"]), int(a["revision"]))
                               for a in articles}  # type: ignore[union-attr]
        if _BUNDLE_ID.match(text):
            known = ledger.state(session, text)
            if known is None:
                raise BaseError(f"no export with bundle_id {text} is recorded in this database")
            return text, known
    raise BaseError(f"{text} is neither a bundle folder or .zip nor a bundle_id")
