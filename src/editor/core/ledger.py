"""What the export ledger remembers of each bundle written."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class ExportRecord:
    bundle_id: str
    kind: str
    base: str | None
    exported_at: dt.datetime
    target: str
    articles: int
    files: int
    bytes: int


#: The state a bundle leaves the publishers with: article id → (slug, revision).
State = dict[str, tuple[str, int]]
