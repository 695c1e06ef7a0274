def min_path_cost(grid: list[list[int]]) -> int:
    if not grid or not grid[0]:
        return 0
    cols = len(grid[0])
    best = [0] * cols
    running = 0
    for c in range(cols):
        running += grid[0][c]
        best[c] = running
    for row in grid[1:]:
        best[0] += row[0]
        for c in range(1, cols):
            left = best[c - 1]
            up = best[c]
            best[c] = (left if left < up else up) + row[c]
    return best[-1]
