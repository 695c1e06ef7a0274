MOD = 1_000_000_007


def mat_mul(a, b):
    k = len(a)
    return [[sum(a[i][t] * b[t][j] for t in range(k)) % MOD for j in range(k)] for i in range(k)]


def nth_term(coeffs: list[int], initial: list[int], n: int) -> int:
    # builds the companion-matrix power by multiplying one factor at a time
    k = len(coeffs)
    if n < k:
        return initial[n] % MOD
    companion = [[0] * k for _ in range(k)]
    companion[0] = [c % MOD for c in coeffs]
    for i in range(1, k):
        companion[i][i - 1] = 1
    result = [[1 if i == j else 0 for j in range(k)] for i in range(k)]
    for _ in range(n - k + 1):
        result = mat_mul(result, companion)
    state = [initial[k - 1 - i] % MOD for i in range(k)]
    return sum(result[0][j] * state[j] for j in range(k)) % MOD
