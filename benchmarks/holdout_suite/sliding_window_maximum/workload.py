def generate(size, rng):
    calls = []
    for _ in range(200):
        # a slowly falling trend with noise, so the window maximum often drops out of the window
        nums = [10 * (size - i) + rng.randint(0, 40) for i in range(size)]
        calls.append([nums, rng.randint(size // 10, size // 4)])
    return calls
