def generate(size, rng):
    calls = []
    for _ in range(420):
        n = size + rng.randrange(-size // 10, size // 10 + 1)
        nums = [rng.randint(-20, 20) for _ in range(n)]
        calls.append([nums, rng.randint(-30, 30)])
    return calls
