def generate(size, rng):
    calls = []
    for _ in range(2):
        queries = [2 * rng.randint(size // 4, size // 2) for _ in range(20)]
        calls.append([queries])
    return calls
