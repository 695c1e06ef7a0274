def generate(size, rng):
    calls = []
    for i in range(50):
        n = size + rng.randrange(-size // 10, size // 10 + 1)
        m = int(n * (0.8 + 0.2 * (i % 4)))
        edges = [[rng.randrange(n), rng.randrange(n)] for _ in range(m)]
        calls.append([n, edges])
    return calls
