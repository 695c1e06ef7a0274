def generate(size, rng):
    calls = []
    for _ in range(32):
        n = size + rng.randrange(-size // 10, size // 10 + 1)
        bookings = []
        for _ in range(n):
            start = rng.randrange(50 * size)
            bookings.append([start, start + rng.randint(1, 12 * size), rng.randint(1, 1000)])
        calls.append([bookings])
    return calls
