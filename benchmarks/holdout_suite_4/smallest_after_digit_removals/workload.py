def generate(size, rng):
    calls = []
    for _ in range(260):
        parts = []
        while len(parts) < size:
            run = sorted(rng.choice("0123456789") for _ in range(rng.randint(5, 40)))
            parts.extend(run)
        digits = "".join(parts[:size])
        k = rng.randint(size // 4, size // 2)
        calls.append([digits, k])
    return calls
