def generate(size, rng):
    calls = []
    for _ in range(2):
        rects = []
        for _ in range(size):
            w = rng.randint(1, 60000)
            h = rng.randint(1, 60000)
            x = rng.randint(0, 10**6 - w)
            y = rng.randint(0, 10**6 - h)
            rects.append([x, y, x + w, y + h])
        calls.append([rects])
    return calls
