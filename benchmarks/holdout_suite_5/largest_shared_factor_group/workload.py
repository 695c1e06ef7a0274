def generate(size, rng):
    calls = []
    for _ in range(8):
        nums = []
        for _ in range(size):
            r = rng.random()
            if r < 0.4:
                # products of two larger primes-ish numbers make many small groups
                nums.append(rng.randrange(101, 317, 2) * rng.randrange(101, 317, 2))
            else:
                nums.append(rng.randint(1, 10**5))
        calls.append([nums])
    return calls
