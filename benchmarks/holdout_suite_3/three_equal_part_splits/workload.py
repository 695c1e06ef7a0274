def generate(size, rng):
    calls = []
    for _ in range(150):
        # small values around zero, so the running sum meets the one-third marks many times
        nums = [rng.choice((-2, -1, 0, 0, 1, 1, 2)) for _ in range(size)]
        nums[-1] -= sum(nums) % 3
        calls.append([nums])
    return calls
