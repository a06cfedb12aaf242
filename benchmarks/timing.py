"""Small timing helpers: medians over repeated runs, in milliseconds."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable


def median_ms(action: Callable[[], object], *, repeat: int = 7, number: int = 50, warmup: int = 5) -> float:
    """The median over ``repeat`` rounds of the mean time of ``number`` calls, in ms."""
    for _ in range(warmup):
        action()
    rounds = []
    for _ in range(repeat):
        start = time.perf_counter()
        for _ in range(number):
            action()
        rounds.append((time.perf_counter() - start) / number * 1000)
    return statistics.median(rounds)


def row(name: str, value: float, unit: str = "ms", target: str = "") -> str:
    return f"  {name:<52} {value:>9.3f} {unit:<3} {target}"
