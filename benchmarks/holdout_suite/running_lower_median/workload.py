def generate(size, rng):
    calls = []
    for _ in range(110):
        calls.append([[rng.randint(-10**6, 10**6) for _ in range(size)]])
    return calls
