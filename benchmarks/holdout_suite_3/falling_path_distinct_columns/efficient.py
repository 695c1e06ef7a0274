def min_falling_path_sum(grid: list[list[int]]) -> int:
    prev = list(grid[0])
    for row in grid[1:]:
        # only the smallest and second smallest totals of the previous row matter
        best_col = 0
        for c in range(1, len(prev)):
            if prev[c] < prev[best_col]:
                best_col = c
        first = prev[best_col]
        second = min(prev[c] for c in range(len(prev)) if c != best_col)
        prev = [value + (second if c == best_col else first) for c, value in enumerate(row)]
    return min(prev)
