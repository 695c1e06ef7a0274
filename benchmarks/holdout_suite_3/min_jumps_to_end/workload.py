def generate(size, rng):
    calls = []
    for _ in range(40):
        reach = rng.randint(8, 30)
        jumps = [rng.randint(0, reach) for _ in range(size)]
        calls.append([jumps])
    return calls
