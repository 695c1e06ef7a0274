def goldbach_counts(queries: list[int]) -> list[int]:
    limit = max(queries, default=0)
    is_prime = [True] * (limit + 1)
    is_prime[0] = False
    if limit >= 1:
        is_prime[1] = False
    p = 2
    while p * p <= limit:
        if is_prime[p]:
            for multiple in range(p * p, limit + 1, p):
                is_prime[multiple] = False
        p += 1
    primes = [p for p in range(2, limit + 1) if is_prime[p]]
    answers = []
    for q in queries:
        count = 0
        for p in primes:
            if 2 * p > q:
                break
            if is_prime[q - p]:
                count += 1
        answers.append(count)
    return answers
