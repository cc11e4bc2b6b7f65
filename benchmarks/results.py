"""Benchmark figures: each printed beside its target and written to build/bench/results.json."""

from __future__ import annotations

import json
import statistics
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Literal

RESULTS = Path(__file__).resolve().parents[1] / "build" / "bench" / "results.json"


@dataclass(frozen=True)
class Result:
    name: str
    value: float
    unit: str
    target: float
    better: Literal["lower", "higher"]

    @property
    def ok(self) -> bool:
        return self.value <= self.target if self.better == "lower" else self.value >= self.target

    def line(self) -> str:
        sign = "≤" if self.better == "lower" else "≥"
        verdict = "ok" if self.ok else "MISSED"
        return (f"{self.name:<44} {self.value:>10.3f} {self.unit:<10} target {sign} "
                f"{self.target:g} {self.unit:<10} {verdict}")


def median(values: Sequence[float]) -> float:
    return statistics.median(values)


def write(results: Sequence[Result], path: Path = RESULTS) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    records = [asdict(result) | {"ok": result.ok} for result in results]
    path.write_text(json.dumps(records, indent=2) + "\n", encoding="utf-8")
