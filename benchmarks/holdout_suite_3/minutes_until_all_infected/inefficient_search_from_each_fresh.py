from collections import deque


def infection_minutes(grid: list[list[int]]) -> int:
    # runs a separate search from every healthy cell to its nearest infected cell
    rows = len(grid)
    cols = len(grid[0]) if rows else 0

    def distance_to_infected(sr, sc):
        seen = {(sr, sc)}
        queue = deque([(sr, sc, 0)])
        while queue:
            r, c, d = queue.popleft()
            for nr, nc in ((r + 1, c), (r - 1, c), (r, c + 1), (r, c - 1)):
                if 0 <= nr < rows and 0 <= nc < cols and (nr, nc) not in seen:
                    if grid[nr][nc] == 2:
                        return d + 1
                    if grid[nr][nc] == 1:
                        seen.add((nr, nc))
                        queue.append((nr, nc, d + 1))
        return -1

    latest = 0
    for r in range(rows):
        for c in range(cols):
            if grid[r][c] == 1:
                d = distance_to_infected(r, c)
                if d < 0:
                    return -1
                latest = max(latest, d)
    return latest
