def grid_steps(grid: list[str]) -> int:
    # BFS with a plain list as the queue (pop(0)) and a list of visited cells searched with `in`
    rows = len(grid)
    cols = len(grid[0]) if rows else 0
    if rows == 0 or cols == 0 or grid[0][0] == "#" or grid[rows - 1][cols - 1] == "#":
        return -1
    queue = [(0, 0, 0)]
    visited = [(0, 0)]
    while queue:
        r, c, d = queue.pop(0)
        if r == rows - 1 and c == cols - 1:
            return d
        for nr, nc in ((r + 1, c), (r - 1, c), (r, c + 1), (r, c - 1)):
            if 0 <= nr < rows and 0 <= nc < cols and grid[nr][nc] == "." and (nr, nc) not in visited:
                visited.append((nr, nc))
                queue.append((nr, nc, d + 1))
    return -1
