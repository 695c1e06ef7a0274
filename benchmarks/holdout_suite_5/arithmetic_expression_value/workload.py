def _build(rng, count, depth):
    parts = []
    remaining = count
    while remaining > 0:
        if parts:
            parts.append(rng.choice(["+", "-", " + ", " - ", "*", " * "]))
        if depth < 10 and remaining > 2 and rng.random() < 0.3:
            inner = rng.randint(2, min(remaining, 8))
            parts.append("(" + _build(rng, inner, depth + 1) + ")")
            remaining -= inner
        else:
            parts.append(str(rng.randint(0, 99)))
            remaining -= 1
    return "".join(parts)


def generate(size, rng):
    calls = []
    for _ in range(4):
        calls.append([_build(rng, size + rng.randrange(size // 4), 0)])
    return calls
