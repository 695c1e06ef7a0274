def generate(size, rng):
    calls = []
    for _ in range(100):
        n = size + rng.randrange(size // 4)
        labels = list(range(n))
        rng.shuffle(labels)
        edges = []
        for i in range(1, n):
            j = rng.randrange(max(0, i - 6), i)
            edges.append([labels[i], labels[j]] if rng.random() < 0.5 else [labels[j], labels[i]])
        rng.shuffle(edges)
        calls.append([n, edges])
    return calls
