def generate(size, rng):
    calls = []
    for _ in range(120):
        order = list(range(size))
        rng.shuffle(order)
        edges = []
        for i in range(1, size):
            parent = rng.randrange(max(0, i - 4), i)  # attach near the end: long, branchy paths
            pair = [order[i], order[parent]]
            rng.shuffle(pair)
            edges.append(pair)
        rng.shuffle(edges)
        calls.append([size, edges])
    return calls
