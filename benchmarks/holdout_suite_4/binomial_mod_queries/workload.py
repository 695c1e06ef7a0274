def generate(size, rng):
    calls = []
    for _ in range(24):
        queries = []
        for _ in range(size):
            n = rng.randint(0, size)
            queries.append([n, rng.randint(-2, n + 2)])
        calls.append([queries])
    return calls
