def generate(size, rng):
    calls = []
    for i in range(80):
        n = size + rng.randrange(-size // 10, size // 10 + 1)
        order = list(range(n))
        rng.shuffle(order)
        edges = []
        for j in range(1, n):
            a, b = order[j], order[rng.randrange(j)]
            edges.append([a, b] if rng.random() < 0.5 else [b, a])
        rng.shuffle(edges)
        if i % 5 != 0:
            u = rng.randrange(n)
            v = rng.randrange(n)
            edges.insert(rng.randrange(len(edges) // 2, len(edges) + 1), [u, v])
            edges.append([rng.randrange(n), rng.randrange(n)])
        calls.append([n, edges])
    return calls
