def generate(size, rng):
    calls = []
    for _ in range(40):
        s = "".join(rng.choice("abcd") for _ in range(size))
        m = rng.randint(size // 10, size // 4)
        p = "".join(rng.choice("abcd") for _ in range(m))
        calls.append([s, p])
    return calls
