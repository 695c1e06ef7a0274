def generate(size, rng):
    calls = []
    for _ in range(100):
        values = sorted(rng.sample(range(-10**6, 10**6), size))
        shift = rng.randrange(size)
        nums = values[shift:] + values[:shift]
        queries = [rng.choice(values) if rng.random() < 0.7 else rng.randint(-10**6, 10**6) for _ in range(size)]
        calls.append([nums, queries])
    return calls
