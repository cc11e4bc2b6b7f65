"""`make bench`: run every scenario, print each figure beside its target, save the results."""

from __future__ import annotations

import sys

from benchmarks import export, import_files, startup
from benchmarks.results import RESULTS, Result, write

SCENARIOS = (startup, import_files, export)


def main() -> int:
    results: list[Result] = []
    for scenario in SCENARIOS:
        for result in scenario.run():
            print(result.line(), flush=True)
            results.append(result)
    write(results)
    print(f"\n{sum(r.ok for r in results)}/{len(results)} targets met; results in {RESULTS}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
