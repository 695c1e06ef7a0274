MOD = 1_000_000_007


def binomials_mod(queries: list[list[int]]) -> list[int]:
    # multiplies out n(n-1)...(n-r+1) / r! from scratch for every query
    answers = []
    for n, r in queries:
        if r < 0 or r > n:
            answers.append(0)
            continue
        r = min(r, n - r)
        numerator = 1
        denominator = 1
        for i in range(r):
            numerator = numerator * (n - i) % MOD
            denominator = denominator * (i + 1) % MOD
        answers.append(numerator * pow(denominator, MOD - 2, MOD) % MOD)
    return answers
