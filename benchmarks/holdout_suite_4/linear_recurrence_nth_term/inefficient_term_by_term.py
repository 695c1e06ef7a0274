MOD = 1_000_000_007


def nth_term(coeffs: list[int], initial: list[int], n: int) -> int:
    # computes every term up to a[n], keeping the last k
    k = len(coeffs)
    terms = [x % MOD for x in initial]
    if n < k:
        return terms[n]
    for _ in range(n - k + 1):
        nxt = 0
        for j in range(k):
            nxt += coeffs[j] * terms[-1 - j]
        terms.append(nxt % MOD)
        terms.pop(0)
    return terms[-1]
