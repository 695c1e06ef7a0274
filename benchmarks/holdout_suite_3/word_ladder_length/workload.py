def generate(size, rng):
    calls = []
    for _ in range(8):
        length = 5
        alphabet = "abcd"
        pool = set()
        while len(pool) < size:
            pool.add("".join(rng.choice(alphabet) for _ in range(length)))
        words = sorted(pool)
        rng.shuffle(words)
        begin = "".join(rng.choice(alphabet) for _ in range(length))
        end = words[rng.randrange(len(words))]
        calls.append([begin, end, words])
    return calls
