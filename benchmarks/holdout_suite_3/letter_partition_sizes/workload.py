import string


def generate(size, rng):
    calls = []
    for _ in range(20):
        letters = list(string.ascii_lowercase)
        rng.shuffle(letters)
        # split the alphabet into groups; each group fills one stretch of the string
        groups = []
        while letters:
            take = rng.randint(1, 4)
            groups.append(letters[:take])
            letters = letters[take:]
        chars = []
        for index, group in enumerate(groups):
            length = rng.randint(size // 2, size + size // 2) // len(groups)
            for _ in range(max(1, length)):
                if index and rng.random() < 0.0004:
                    chars.append(rng.choice(groups[rng.randrange(index)]))  # a late stray letter merges parts
                else:
                    chars.append(rng.choice(group))
        calls.append(["".join(chars)])
    return calls
