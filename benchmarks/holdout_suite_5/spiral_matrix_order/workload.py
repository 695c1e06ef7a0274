def generate(size, rng):
    calls = []
    for _ in range(220):
        rows = rng.randint(size // 2, size)
        cols = rng.randint(size // 2, size)
        calls.append([[[rng.randint(-1000, 1000) for _ in range(cols)] for _ in range(rows)]])
    return calls
