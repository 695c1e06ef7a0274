def generate(size, rng):
    calls = []
    for _ in range(16):
        n = size + rng.randrange(-size // 10, size // 10 + 1)
        width = 8 * size
        buildings = []
        for _ in range(n):
            left = rng.randrange(width)
            right = left + rng.randint(1, width // 6)
            buildings.append([left, right, rng.randint(1, 10**4)])
        calls.append([buildings])
    return calls
