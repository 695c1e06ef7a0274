def generate(size, rng):
    calls = []
    for _ in range(4):
        grid = [[rng.randint(-100, 100) for _ in range(size)] for _ in range(size)]
        calls.append([grid])
    return calls
