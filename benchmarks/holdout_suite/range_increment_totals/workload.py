def generate(size, rng):
    calls = []
    for _ in range(100):
        n = size
        updates = []
        for _ in range(size):
            left = rng.randrange(n)
            right = rng.randrange(left, n)
            updates.append([left, right, rng.randint(-1000, 1000)])
        calls.append([n, updates])
    return calls
