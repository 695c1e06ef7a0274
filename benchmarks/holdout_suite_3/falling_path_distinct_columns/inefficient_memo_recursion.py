from functools import lru_cache


def min_falling_path_sum(grid: list[list[int]]) -> int:
    # top-down recursion over (row, column), remembering results, with a generator over every next column
    rows = len(grid)
    cols = len(grid[0])

    @lru_cache(maxsize=None)
    def best_from(r, c):
        if r == rows - 1:
            return grid[r][c]
        return grid[r][c] + min(best_from(r + 1, d) for d in range(cols) if d != c)

    return min(best_from(0, c) for c in range(cols))
