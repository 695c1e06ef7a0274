def min_path_cost(grid: list[list[int]]) -> int:
    # top-down recursion over (row, col) with a dictionary memo
    if not grid or not grid[0]:
        return 0
    rows, cols = len(grid), len(grid[0])
    memo = {}

    def best_from(r, c):
        if (r, c) in memo:
            return memo[(r, c)]
        if r == rows - 1 and c == cols - 1:
            result = grid[r][c]
        elif r == rows - 1:
            result = grid[r][c] + best_from(r, c + 1)
        elif c == cols - 1:
            result = grid[r][c] + best_from(r + 1, c)
        else:
            result = grid[r][c] + min(best_from(r + 1, c), best_from(r, c + 1))
        memo[(r, c)] = result
        return result

    return best_from(0, 0)
