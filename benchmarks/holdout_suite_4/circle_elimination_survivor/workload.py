def generate(size, rng):
    calls = []
    for _ in range(30):
        n = size + rng.randrange(-size // 10, size // 10 + 1)
        calls.append([n, rng.randint(2, 12)])
    return calls
