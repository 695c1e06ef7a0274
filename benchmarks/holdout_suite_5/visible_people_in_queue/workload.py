def generate(size, rng):
    calls = []
    for _ in range(25):
        calls.append([[rng.randint(1, 10**6) for _ in range(size)]])
    return calls
