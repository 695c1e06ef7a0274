def generate(size, rng):
    calls = []
    for _ in range(480):
        rows = size + rng.randrange(-2, 3)
        cols = size + rng.randrange(-2, 3)
        calls.append([[[rng.randint(0, 99) for _ in range(cols)] for _ in range(rows)]])
    return calls
