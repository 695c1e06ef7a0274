def generate(size, rng):
    calls = []
    for _ in range(18):
        grid = ["".join("1" if rng.random() < 0.96 else "0" for _ in range(size)) for _ in range(size)]
        calls.append([grid])
    return calls
