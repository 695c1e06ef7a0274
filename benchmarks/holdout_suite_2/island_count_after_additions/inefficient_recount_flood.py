def islands_after_additions(rows: int, cols: int, positions: list[list[int]]) -> list[int]:
    # after every addition, counts the islands of the whole grid again with a flood fill
    grid = [[False] * cols for _ in range(rows)]
    counts = []
    for r, c in positions:
        grid[r][c] = True
        seen = [[False] * cols for _ in range(rows)]
        islands = 0
        for i in range(rows):
            for j in range(cols):
                if grid[i][j] and not seen[i][j]:
                    islands += 1
                    seen[i][j] = True
                    stack = [(i, j)]
                    while stack:
                        x, y = stack.pop()
                        for nx, ny in ((x - 1, y), (x + 1, y), (x, y - 1), (x, y + 1)):
                            if 0 <= nx < rows and 0 <= ny < cols and grid[nx][ny] and not seen[nx][ny]:
                                seen[nx][ny] = True
                                stack.append((nx, ny))
        counts.append(islands)
    return counts
