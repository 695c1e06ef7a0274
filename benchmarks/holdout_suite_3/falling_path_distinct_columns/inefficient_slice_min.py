def min_falling_path_sum(grid: list[list[int]]) -> int:
    # for every cell, builds the previous row without its column and takes the minimum
    prev = list(grid[0])
    for row in grid[1:]:
        prev = [value + min(prev[:c] + prev[c + 1:]) for c, value in enumerate(row)]
    return min(prev)
