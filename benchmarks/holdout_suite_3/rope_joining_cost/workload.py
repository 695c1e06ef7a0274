def generate(size, rng):
    calls = []
    for _ in range(5):
        calls.append([[rng.randint(1, 10000) for _ in range(size)]])
    return calls
