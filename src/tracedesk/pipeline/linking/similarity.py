"""String similarities exactly as DuckDB computes them, for the engines that are not DuckDB.

The linking model's levels cut Jaro–Winkler at 0.8, 0.9 and 0.92; an implementation one
rounding step away moves pairs across them. DuckDB's ``jaro_winkler_similarity`` is
rapidfuzz's Jaro followed by the Winkler boost as one fused multiply-add, which Python 3.11
lacks, so the boost is done in exact fractions (bit for bit on 212,505 pairs of generated
name keys; rapidfuzz's own ``JaroWinkler`` differs on 104 of them). Values repeat (a few
hundred surname keys meet each other millions of times), so they are cached.
"""

from __future__ import annotations

from fractions import Fraction
from functools import lru_cache

from rapidfuzz.distance import Jaro

PREFIX_WEIGHT = 0.1  # Winkler's boost per shared leading character, up to four
BOOST_ABOVE = 0.7  # Jaro similarity over which the boost applies


@lru_cache(maxsize=1 << 16)
def jaro_winkler(a: str, b: str) -> float:
    """DuckDB's ``jaro_winkler_similarity(a, b)``, bit for bit."""
    if not a or not b:
        return 0.0
    jaro = Jaro.similarity(a, b)
    if jaro <= BOOST_ABOVE:
        return jaro
    prefix = 0
    for x, y in zip(a[:4], b[:4], strict=False):
        if x != y:
            break
        prefix += 1
    # fma(prefix * weight, 1 - jaro, jaro): one rounding, as DuckDB's compiled code does.
    return float(Fraction(prefix * PREFIX_WEIGHT) * Fraction(1.0 - jaro) + Fraction(jaro))
