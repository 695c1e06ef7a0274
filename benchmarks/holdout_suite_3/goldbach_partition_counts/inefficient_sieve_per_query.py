def sieve(limit):
    flags = [True] * (limit + 1)
    flags[0] = False
    if limit >= 1:
        flags[1] = False
    p = 2
    while p * p <= limit:
        if flags[p]:
            for multiple in range(p * p, limit + 1, p):
                flags[multiple] = False
        p += 1
    return flags


def goldbach_counts(queries: list[int]) -> list[int]:
    # builds a fresh sieve up to every query
    answers = []
    for q in queries:
        flags = sieve(q)
        answers.append(sum(1 for p in range(2, q // 2 + 1) if flags[p] and flags[q - p]))
    return answers
