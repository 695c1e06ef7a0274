def generate(size, rng):
    calls = []
    for _ in range(30):
        zero_rate = rng.uniform(0.1, 0.3)
        bits = [0 if rng.random() < zero_rate else 1 for _ in range(size)]
        calls.append([bits, rng.randint(3, 10)])
    return calls
