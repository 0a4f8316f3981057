#!/usr/bin/env python3
"""Generate tests/data/rounding_oracle.csv: the expected results of rounding n/d to k decimals.

The oracle for da06::Ratio::round_to (tests/test_numbers.cpp). It uses only the standard
library's fractions.Fraction and random (fixed seed), so the expected values come from a
method independent of the C++ code: exact rational arithmetic and floor division.

Columns: numerator,denominator,decimals,mode,expected
  expected is the rounded value as plain decimal text with exactly `decimals` digits
  after '.', e.g. "-0.13", "57.8", "0".

Run from the repository root:  python3 tests/data/gen_rounding_oracle.py > tests/data/rounding_oracle.csv
"""

import random
import sys
from fractions import Fraction

MODES = ["half_up", "half_even", "half_down", "floor", "ceiling", "toward_zero", "away_from_zero"]
INT64_MAX = 2**63 - 1
INT64_MIN = -(2**63)


def floor_frac(x: Fraction) -> int:
    return x.numerator // x.denominator  # Python's // floors, and Fraction keeps denominator > 0


def round_frac(x: Fraction, mode: str) -> int:
    """x rounded to an integer with the named mode, by the definitions in docs/numbers.md."""
    lo = floor_frac(x)
    hi = lo if x == lo else lo + 1
    if lo == hi:
        return lo
    toward_zero = lo if x > 0 else hi
    away = hi if x > 0 else lo
    if mode == "floor":
        return lo
    if mode == "ceiling":
        return hi
    if mode == "toward_zero":
        return toward_zero
    if mode == "away_from_zero":
        return away
    frac = x - lo  # in (0, 1)
    half = Fraction(1, 2)
    if frac < half:
        return lo
    if frac > half:
        return hi
    # exact tie
    if mode == "half_up":
        return away
    if mode == "half_down":
        return toward_zero
    if mode == "half_even":
        return lo if lo % 2 == 0 else hi
    raise ValueError(mode)


def plain(k: int, decimals: int) -> str:
    sign = "-" if k < 0 else ""
    digits = str(abs(k)).rjust(decimals + 1, "0")
    if decimals == 0:
        return sign + digits
    return sign + digits[:-decimals] + "." + digits[-decimals:]


def cases(rng: random.Random):
    # Small numbers, all signs.
    for _ in range(300):
        d = rng.randint(1, 2000)
        yield rng.randint(-5000, 5000), d, rng.randint(0, 4)
    # Report-like percentages: numerator <= denominator, printed with 1 or 2 decimals.
    for _ in range(200):
        d = rng.randint(1, 5_000_000)
        yield rng.randint(0, d), d, rng.randint(0, 4)
    # Exact ties at the rounding digit: (2j+1) / (2 * 10^k) at k decimals, both signs.
    for _ in range(200):
        k = rng.randint(0, 6)
        j = rng.randint(-10**6, 10**6)
        yield 2 * j + 1, 2 * 10**k, k
    # Ties with denominators like 8, 16, 40, 80 (1/8 = 0.125 at 2 decimals).
    for _ in range(100):
        k = rng.randint(0, 4)
        d = rng.choice([2, 4, 8, 16, 20, 40, 80, 125, 250, 400, 625]) * 10**rng.randint(0, 2)
        yield rng.randint(-10**5, 10**5), d, k
    # Near int64: numerators/denominators at the edge, so that n * 10^k overflows int64.
    edges = [INT64_MAX, INT64_MAX - 1, INT64_MIN, INT64_MIN + 1, 2**62, -(2**62), 10**18, -(10**18)]
    for _ in range(200):
        n = rng.choice(edges) - rng.randint(0, 1000) * rng.choice([0, 1])
        n = max(INT64_MIN, min(INT64_MAX, n))
        d = rng.choice([1, 2, 3, 7, 10, 1000, 999_999_937, INT64_MAX, INT64_MAX - 2, rng.randint(1, INT64_MAX)])
        yield n, d, rng.randint(0, 6)
    # Beyond int64 (cpp_int territory).
    for _ in range(150):
        n = rng.randint(-(2**120), 2**120)
        d = rng.randint(1, 2**100)
        yield n, d, rng.randint(0, 25)
    # Big exact ties: odd / (2 * 10^k) with a 30-digit numerator.
    for _ in range(50):
        k = rng.randint(0, 10)
        j = rng.randint(-(10**30), 10**30)
        yield 2 * j + 1, 2 * 10**k, k


def main() -> None:
    rng = random.Random(20240628)  # fixed seed: the date of Báo cáo 137/BC-UBND
    out = sys.stdout
    out.write("numerator,denominator,decimals,mode,expected\n")
    for n, d, k in cases(rng):
        for mode in MODES:
            x = Fraction(n, d) * 10**k
            out.write(f"{n},{d},{k},{mode},{plain(round_frac(x, mode), k)}\n")


if __name__ == "__main__":
    main()
