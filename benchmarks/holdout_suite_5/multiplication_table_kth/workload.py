def generate(size, rng):
    calls = []
    for _ in range(12):
        m = rng.randint(size // 2, size)
        n = rng.randint(size // 2, size)
        calls.append([m, n, rng.randint(1, m * n)])
    return calls
