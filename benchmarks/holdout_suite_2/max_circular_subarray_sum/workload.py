def generate(size, rng):
    calls = []
    for _ in range(60):
        calls.append([[rng.randint(-1000, 1000) for _ in range(size)]])
    return calls
