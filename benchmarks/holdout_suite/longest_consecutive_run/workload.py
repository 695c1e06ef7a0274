def generate(size, rng):
    calls = []
    for _ in range(240):
        nums = []
        while len(nums) < size:
            start = rng.randint(-10**6, 10**6)
            length = rng.randint(1, size // 4)
            nums.extend(range(start, start + length))
            if rng.random() < 0.5:
                nums.append(rng.randint(-10**6, 10**6))
        nums = nums[:size]
        nums.extend(rng.choice(nums) for _ in range(size // 10))
        rng.shuffle(nums)
        calls.append([nums])
    return calls
