def min_path_cost(grid: list[list[int]]) -> int:
    # Dijkstra without a heap: every round scans all cells for the closest unfinished one
    if not grid or not grid[0]:
        return 0
    rows, cols = len(grid), len(grid[0])
    inf = float("inf")
    dist = [[inf] * cols for _ in range(rows)]
    done = [[False] * cols for _ in range(rows)]
    dist[0][0] = grid[0][0]
    for _ in range(rows * cols):
        best = inf
        br = bc = -1
        for r in range(rows):
            for c in range(cols):
                if not done[r][c] and dist[r][c] < best:
                    best = dist[r][c]
                    br, bc = r, c
        if br == -1:
            break
        done[br][bc] = True
        if br == rows - 1 and bc == cols - 1:
            break
        if br + 1 < rows and best + grid[br + 1][bc] < dist[br + 1][bc]:
            dist[br + 1][bc] = best + grid[br + 1][bc]
        if bc + 1 < cols and best + grid[br][bc + 1] < dist[br][bc + 1]:
            dist[br][bc + 1] = best + grid[br][bc + 1]
    return dist[rows - 1][cols - 1]
