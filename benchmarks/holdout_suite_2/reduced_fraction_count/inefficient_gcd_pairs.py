from math import gcd


def count_reduced_fractions(n: int) -> int:
    # tests every numerator against every denominator
    return sum(1 for q in range(2, n + 1) for p in range(1, q) if gcd(p, q) == 1)
