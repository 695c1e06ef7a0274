def generate(size, rng):
    calls = []
    for _ in range(170):
        piles = [rng.randint(1, 2000) for _ in range(size)]
        calls.append([piles, rng.randint(size, 4 * size)])
    return calls
