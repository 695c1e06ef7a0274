def generate(size, rng):
    calls = []
    for _ in range(17):
        n = size + rng.randrange(-size // 10, size // 10 + 1)
        jobs = [[rng.randint(1, n // 2), rng.randint(1, 10**6)] for _ in range(n)]
        calls.append([jobs])
    return calls
