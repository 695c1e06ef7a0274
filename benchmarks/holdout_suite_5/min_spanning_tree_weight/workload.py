def generate(size, rng):
    calls = []
    for c in range(16):
        n = size
        edges = []
        if c % 4:  # three graphs in four get a random spanning tree, so they are connected
            for v in range(1, n):
                edges.append([v, rng.randrange(v), rng.randint(1, 10**6)])
        for _ in range(8 * n):
            edges.append([rng.randrange(n), rng.randrange(n), rng.randint(1, 10**6)])
        rng.shuffle(edges)
        calls.append([n, edges])
    return calls
