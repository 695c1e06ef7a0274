def generate(size, rng):
    calls = []
    for k in range(26):
        if k % 2 == 0:
            # a cooling trend with day-to-day noise: many days never see a warmer one
            temps = [100 - (60 * i) // size + rng.randint(-4, 4) for i in range(size)]
        else:
            temps = [rng.randint(30, 100) for _ in range(size)]
        calls.append([temps])
    return calls
