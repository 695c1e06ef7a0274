def trailing_zeros_in_base(n: int, base: int) -> int:
    # factor the base, count each prime's exponent in n! with Legendre's formula, take the limiting prime
    factors = {}
    b = base
    p = 2
    while p * p <= b:
        while b % p == 0:
            factors[p] = factors.get(p, 0) + 1
            b //= p
        p += 1
    if b > 1:
        factors[b] = factors.get(b, 0) + 1
    best = None
    for p, e in factors.items():
        count = 0
        q = n
        while q:
            q //= p
            count += q
        zeros = count // e
        if best is None or zeros < best:
            best = zeros
    return best
