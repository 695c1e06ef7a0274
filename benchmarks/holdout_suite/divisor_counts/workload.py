def generate(size, rng):
    calls = []
    for _ in range(40):
        calls.append([[rng.randint(1, size) for _ in range(240)]])
    return calls
