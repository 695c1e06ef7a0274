MOD = 1_000_000_007


def _multiply(a, b):
    size = len(a)
    result = [[0] * size for _ in range(size)]
    for i in range(size):
        row_a = a[i]
        out = result[i]
        for t in range(size):
            x = row_a[t]
            if x:
                row_b = b[t]
                for j in range(size):
                    out[j] += x * row_b[j]
        for j in range(size):
            out[j] %= MOD
    return result


def nth_term(coeffs: list[int], initial: list[int], n: int) -> int:
    # raises the k x k companion matrix to the power n - k + 1 by repeated squaring
    k = len(coeffs)
    if n < k:
        return initial[n] % MOD
    companion = [[0] * k for _ in range(k)]
    companion[0] = [c % MOD for c in coeffs]
    for i in range(1, k):
        companion[i][i - 1] = 1
    power = n - k + 1
    result = [[int(i == j) for j in range(k)] for i in range(k)]
    while power:
        if power & 1:
            result = _multiply(result, companion)
        companion = _multiply(companion, companion)
        power >>= 1
    state = [initial[k - 1 - i] % MOD for i in range(k)]  # a[k-1], a[k-2], ..., a[0]
    return sum(result[0][j] * state[j] for j in range(k)) % MOD
