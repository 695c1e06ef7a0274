def prime_factors(x):
    result = {}
    d = 2
    while d * d <= x:
        while x % d == 0:
            result[d] = result.get(d, 0) + 1
            x //= d
        d += 1
    if x > 1:
        result[x] = result.get(x, 0) + 1
    return result


def trailing_zeros_in_base(n: int, base: int) -> int:
    # counts each prime of the base in every factor 1..n separately
    needed = prime_factors(base)
    have = {p: 0 for p in needed}
    for k in range(2, n + 1):
        for p in needed:
            while k % p == 0:
                have[p] += 1
                k //= p
    return min(have[p] // e for p, e in needed.items())
