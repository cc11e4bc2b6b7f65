"""Long work reports progress as it goes: a generator of Progress steps."""

from __future__ import annotations

from collections.abc import Generator
from dataclasses import dataclass
from typing import TypeVar

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Progress:
    done: int
    total: int
    message: str


#: A long job: yields Progress, returns its result (StopIteration.value).
Job = Generator[Progress, None, T]


def run_to_end(job: Job[T]) -> T:
    """Run a job without showing its progress; returns its result."""
    while True:
        try:
            next(job)
        except StopIteration as stop:
            return stop.value
