def generate(size, rng):
    calls = []
    for i in range(48):
        k = 2 + i % 3
        coeffs = [rng.randint(0, 10**9) for _ in range(k)]
        initial = [rng.randint(0, 10**9) for _ in range(k)]
        calls.append([coeffs, initial, rng.randint(size // 2, size)])
    return calls
