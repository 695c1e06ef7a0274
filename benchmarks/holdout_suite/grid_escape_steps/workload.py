def generate(size, rng):
    calls = []
    for _ in range(25):
        rows = []
        for r in range(size):
            row = ["#" if rng.random() < 0.28 else "." for _ in range(size)]
            rows.append(row)
        rows[0][0] = "."
        rows[size - 1][size - 1] = "."
        calls.append([["".join(row) for row in rows]])
    return calls
