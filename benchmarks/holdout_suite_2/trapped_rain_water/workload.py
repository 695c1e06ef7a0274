def generate(size, rng):
    calls = []
    for _ in range(50):
        calls.append([[rng.randint(0, 10000) for _ in range(size)]])
    return calls
