def generate(size, rng):
    calls = []
    for _ in range(240):
        bias = rng.choice((0.5, 0.6, 0.7))
        calls.append([[1 if rng.random() < bias else 0 for _ in range(size)]])
    return calls
