def generate(size, rng):
    calls = []
    for _ in range(30):
        calls.append([[rng.randint(-10**5, 10**5) for _ in range(size)]])
    return calls
