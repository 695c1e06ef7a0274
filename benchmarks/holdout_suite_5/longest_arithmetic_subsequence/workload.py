def generate(size, rng):
    calls = []
    for _ in range(4):
        calls.append([[rng.randint(0, size) for _ in range(size)]])
    return calls
