def largest_square(grid: list[str]) -> int:
    # from every '1' corner, grows the square while the new bottom row and right column are all '1'
    rows = len(grid)
    cols = len(grid[0]) if rows else 0
    best = 0
    for r in range(rows):
        for c in range(cols):
            if grid[r][c] != "1":
                continue
            side = 1
            growing = True
            while growing and r + side < rows and c + side < cols:
                for k in range(side + 1):
                    if grid[r + side][c + k] != "1" or grid[r + k][c + side] != "1":
                        growing = False
                        break
                if growing:
                    side += 1
            best = max(best, side)
    return best
