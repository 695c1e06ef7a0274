def generate(size, rng):
    calls = []
    for _ in range(25):
        coins = rng.sample(range(3, 60), 8)
        calls.append([coins, size + rng.randrange(size // 5)])
    return calls
