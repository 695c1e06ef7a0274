def apply_increments(n: int, updates: list[list[int]]) -> list[int]:
    # adds every update to each cell of its range: O(n * q)
    values = [0] * n
    for left, right, value in updates:
        for i in range(left, right + 1):
            values[i] += value
    return values
