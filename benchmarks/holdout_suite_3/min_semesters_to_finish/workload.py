def generate(size, rng):
    calls = []
    for call in range(45):
        n = size
        levels = max(2, size // 5)
        level = [rng.randrange(levels) for _ in range(n)]
        order = sorted(range(n), key=lambda c: level[c])
        prereqs = []
        # a chain through one course of every level, so the plan really has `levels` semesters
        by_level = {}
        for c in order:
            by_level.setdefault(level[c], []).append(c)
        present = sorted(by_level)
        chain = [rng.choice(by_level[lv]) for lv in present]
        for a, b in zip(chain, chain[1:]):
            prereqs.append([a, b])
        for _ in range(2 * n):
            a, b = rng.sample(range(n), 2)
            if level[a] != level[b]:
                if level[a] > level[b]:
                    a, b = b, a
                prereqs.append([a, b])
        if call % 5 == 4:
            a, b = rng.sample(range(n), 2)
            prereqs.append([a, b])
            prereqs.append([b, a])  # a cycle: the plan is impossible
        rng.shuffle(prereqs)
        calls.append([n, prereqs])
    return calls
