def generate(size, rng):
    calls = []
    alphabets = ["ab", "abc", "acgt", "abcdefghij"]
    for i in range(44):
        letters = alphabets[i % len(alphabets)]
        n = size + rng.randrange(-size // 10, size // 10 + 1)
        calls.append(["".join(rng.choice(letters) for _ in range(n))])
    return calls
