def totient(q):
    result = q
    d = 2
    while d * d <= q:
        if q % d == 0:
            while q % d == 0:
                q //= d
            result -= result // d
        d += 1
    if q > 1:
        result -= result // q
    return result


def count_reduced_fractions(n: int) -> int:
    # factors every denominator separately by trial division to get its totient
    total = 0
    for q in range(2, n + 1):
        total += totient(q)
    return total
