def generate(size, rng):
    calls = []
    for _ in range(8):
        n = size
        equal_pairs = [rng.sample(range(n), 2) for _ in range(n * 4 // 5)]
        unequal_pairs = [[rng.randrange(n), rng.randrange(n)] for _ in range(n)]
        calls.append([n, equal_pairs, unequal_pairs])
    return calls
