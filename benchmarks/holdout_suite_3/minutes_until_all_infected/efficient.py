from collections import deque


def infection_minutes(grid: list[list[int]]) -> int:
    rows = len(grid)
    cols = len(grid[0]) if rows else 0
    minutes = [[-1] * cols for _ in range(rows)]
    queue = deque()
    fresh = 0
    for r in range(rows):
        for c in range(cols):
            if grid[r][c] == 2:
                minutes[r][c] = 0
                queue.append((r, c))
            elif grid[r][c] == 1:
                fresh += 1
    latest = 0
    while queue:
        r, c = queue.popleft()
        for nr, nc in ((r + 1, c), (r - 1, c), (r, c + 1), (r, c - 1)):
            if 0 <= nr < rows and 0 <= nc < cols and grid[nr][nc] == 1 and minutes[nr][nc] < 0:
                minutes[nr][nc] = minutes[r][c] + 1
                latest = minutes[nr][nc]
                fresh -= 1
                queue.append((nr, nc))
    return latest if fresh == 0 else -1
