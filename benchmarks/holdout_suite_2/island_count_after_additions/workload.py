def generate(size, rng):
    calls = []
    for _ in range(13):
        positions = [[rng.randrange(size), rng.randrange(size)] for _ in range(size * size // 2)]
        calls.append([size, size, positions])
    return calls
