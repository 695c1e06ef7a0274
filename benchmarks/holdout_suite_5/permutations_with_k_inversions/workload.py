def generate(size, rng):
    calls = []
    for _ in range(6):
        n = rng.randint(size // 2, size)
        k = rng.randint(size // 2, min(size, n * (n - 1) // 2))
        calls.append([n, k])
    return calls
