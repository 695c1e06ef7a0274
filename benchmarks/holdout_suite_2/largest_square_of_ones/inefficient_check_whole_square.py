def largest_square(grid: list[str]) -> int:
    # from every corner, grows the square one step at a time and re-checks every cell inside it
    rows = len(grid)
    cols = len(grid[0]) if rows else 0
    best = 0
    for r in range(rows):
        for c in range(cols):
            side = 1
            while r + side <= rows and c + side <= cols and all(
                    grid[i][j] == "1" for i in range(r, r + side) for j in range(c, c + side)):
                best = max(best, side)
                side += 1
    return best
