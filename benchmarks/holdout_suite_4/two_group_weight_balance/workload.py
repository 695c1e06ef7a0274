def generate(size, rng):
    calls = []
    for _ in range(5400):
        weights = [rng.randint(1, 50) for _ in range(size + rng.randrange(-1, 2))]
        calls.append([weights])
    return calls
