def generate(size, rng):
    calls = []
    for _ in range(15):
        span = 12 * size
        intervals = []
        for _ in range(size):
            left = rng.randrange(-span // 2, span // 2)
            intervals.append([left, left + rng.randint(0, span // 8)])
        calls.append([intervals, rng.randint(1, 6)])
    return calls
