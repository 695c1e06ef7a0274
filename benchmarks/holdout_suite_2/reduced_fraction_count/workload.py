def generate(size, rng):
    return [[rng.randint(size // 2, size)] for _ in range(24)]
