def generate(size, rng):
    calls = []
    for index in range(8):
        grid = [[0 if rng.random() < 0.15 else 1 for _ in range(size)] for _ in range(size)]
        sources = [(rng.randrange(size), rng.randrange(size)) for _ in range(rng.randint(1, 3))]
        for r, c in sources:
            grid[r][c] = 2
        if index % 4 != 3:
            # clear the healthy cells the infection can never reach, so every cell has to be timed
            reached = set(sources)
            stack = list(sources)
            while stack:
                r, c = stack.pop()
                for nr, nc in ((r + 1, c), (r - 1, c), (r, c + 1), (r, c - 1)):
                    if 0 <= nr < size and 0 <= nc < size and grid[nr][nc] == 1 and (nr, nc) not in reached:
                        reached.add((nr, nc))
                        stack.append((nr, nc))
            for r in range(size):
                for c in range(size):
                    if grid[r][c] == 1 and (r, c) not in reached:
                        grid[r][c] = 0
        calls.append([grid])
    return calls
