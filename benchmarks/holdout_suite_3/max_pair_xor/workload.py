def generate(size, rng):
    calls = []
    for _ in range(3):
        calls.append([[rng.randrange(1 << 30) for _ in range(size)]])
    return calls
