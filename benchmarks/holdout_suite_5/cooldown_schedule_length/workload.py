import string


def generate(size, rng):
    calls = []
    for _ in range(40):
        kinds = rng.randint(2, 26)
        letters = string.ascii_uppercase[:kinds]
        weights = [rng.random() ** 2 for _ in letters]
        tasks = "".join(rng.choices(letters, weights=weights, k=size))
        calls.append([tasks, rng.randint(0, 12)])
    return calls
