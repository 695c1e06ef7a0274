def generate(size, rng):
    calls = []
    for _ in range(225):
        chars = [rng.choice("ab") for _ in range(size)]
        # plant one longer palindrome somewhere
        half = [rng.choice("ab") for _ in range(rng.randint(3, size // 10))]
        pal = half + half[::-1]
        at = rng.randrange(size - len(pal))
        chars[at:at + len(pal)] = pal
        calls.append(["".join(chars)])
    return calls
