def generate(size, rng):
    calls = []
    for _ in range(370):
        n = size + rng.randrange(-size // 10, size // 10 + 1)
        positions = [rng.randint(0, 20 * size) for _ in range(n)]
        k = rng.randint(n // 8, n // 3)
        calls.append([positions, k])
    return calls
