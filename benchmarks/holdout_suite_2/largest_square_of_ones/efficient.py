def largest_square(grid: list[str]) -> int:
    if not grid or not grid[0]:
        return 0
    cols = len(grid[0])
    best = 0
    prev = [0] * (cols + 1)
    for row in grid:
        cur = [0] * (cols + 1)
        for j in range(1, cols + 1):
            if row[j - 1] == "1":
                cur[j] = 1 + min(prev[j], prev[j - 1], cur[j - 1])
                if cur[j] > best:
                    best = cur[j]
        prev = cur
    return best
