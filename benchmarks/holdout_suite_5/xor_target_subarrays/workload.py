def generate(size, rng):
    calls = []
    for _ in range(70):
        nums = [rng.randrange(64) for _ in range(size)]
        calls.append([nums, rng.randrange(64)])
    return calls
