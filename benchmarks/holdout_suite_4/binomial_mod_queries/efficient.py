MOD = 1_000_000_007


def binomials_mod(queries: list[list[int]]) -> list[int]:
    # factorials and inverse factorials up to the largest n, then O(1) per query
    top = max((n for n, _ in queries), default=0)
    fact = [1] * (top + 1)
    for i in range(1, top + 1):
        fact[i] = fact[i - 1] * i % MOD
    inv_fact = [1] * (top + 1)
    inv_fact[top] = pow(fact[top], MOD - 2, MOD)
    for i in range(top, 0, -1):
        inv_fact[i - 1] = inv_fact[i] * i % MOD
    answers = []
    for n, r in queries:
        if r < 0 or r > n:
            answers.append(0)
        else:
            answers.append(fact[n] * inv_fact[r] % MOD * inv_fact[n - r] % MOD)
    return answers
