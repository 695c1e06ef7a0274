def generate(size, rng):
    calls = []
    for _ in range(80):
        intervals = []
        for _ in range(size):
            start = rng.randint(0, 12 * size)
            intervals.append([start, start + rng.randint(0, 14)])
        calls.append([intervals])
    return calls
