def generate(size, rng):
    calls = []
    for _ in range(30):
        heights = []
        level = rng.randint(20, 80)
        for _ in range(size):
            # a wandering skyline with occasional deep dips
            level = max(1, level + rng.randint(-3, 3))
            heights.append(0 if rng.random() < 0.01 else level + rng.randint(0, 5))
        calls.append([heights])
    return calls
