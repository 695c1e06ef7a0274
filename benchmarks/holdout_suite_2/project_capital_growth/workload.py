def generate(size, rng):
    calls = []
    for _ in range(30):
        profits = [rng.randint(0, 1000) for _ in range(size)]
        costs = [rng.randint(0, 200 * size) if rng.random() < 0.9 else rng.randint(0, 1000) for _ in range(size)]
        calls.append([size // 2, rng.randint(0, 1000), profits, costs])
    return calls
