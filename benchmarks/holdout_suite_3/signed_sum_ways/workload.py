def generate(size, rng):
    calls = []
    for _ in range(4):
        nums = [rng.randint(0, 100) for _ in range(size)]
        target = rng.randint(-8, 8)
        if (target - sum(nums)) % 2:
            target += 1  # other targets cannot be reached at all
        calls.append([nums, target])
    return calls
