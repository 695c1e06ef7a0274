def generate(size, rng):
    calls = []
    for _ in range(33):
        limit = rng.randint(500, 1000)
        calls.append([[rng.randint(1, limit) for _ in range(size)], limit])
    return calls
