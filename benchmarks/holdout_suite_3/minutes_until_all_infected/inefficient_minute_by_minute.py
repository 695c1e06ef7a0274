def infection_minutes(grid: list[list[int]]) -> int:
    # simulates one minute at a time on a fresh copy of the whole grid
    state = [list(row) for row in grid]
    rows = len(state)
    cols = len(state[0]) if rows else 0
    minutes = 0
    while True:
        nxt = [list(row) for row in state]
        changed = False
        for r in range(rows):
            for c in range(cols):
                if state[r][c] != 1:
                    continue
                for nr, nc in ((r + 1, c), (r - 1, c), (r, c + 1), (r, c - 1)):
                    if 0 <= nr < rows and 0 <= nc < cols and state[nr][nc] == 2:
                        nxt[r][c] = 2
                        changed = True
                        break
        if not changed:
            break
        state = nxt
        minutes += 1
    if any(1 in row for row in state):
        return -1
    return minutes
