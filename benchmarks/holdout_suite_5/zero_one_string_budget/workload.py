def generate(size, rng):
    calls = []
    for _ in range(8):
        strs = []
        for _ in range(size):
            length = rng.randint(1, 8)
            strs.append("".join(rng.choice("01") for _ in range(length)))
        calls.append([strs, rng.randint(size, 2 * size), rng.randint(size, 2 * size)])
    return calls
