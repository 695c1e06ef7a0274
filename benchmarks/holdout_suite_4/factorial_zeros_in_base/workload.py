def generate(size, rng):
    calls = []
    for _ in range(4000):
        n = rng.randint(size // 2, size)
        base = rng.choice([rng.randint(2, 40), rng.randint(2, 400), rng.randint(2, 4000)])
        calls.append([n, base])
    return calls
