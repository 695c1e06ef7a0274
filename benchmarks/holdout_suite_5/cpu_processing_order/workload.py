def generate(size, rng):
    calls = []
    for _ in range(10):
        horizon = size * 50 // rng.choice([1, 2, 4])
        tasks = [[rng.randint(0, horizon), rng.randint(1, 100)] for _ in range(size)]
        calls.append([tasks])
    return calls
