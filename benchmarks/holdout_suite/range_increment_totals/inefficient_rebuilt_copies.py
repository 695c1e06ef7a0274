def apply_increments(n: int, updates: list[list[int]]) -> list[int]:
    # rebuilds the whole list from slices for every update
    values = [0] * n
    for left, right, value in updates:
        values = values[:left] + [x + value for x in values[left:right + 1]] + values[right + 1:]
    return values
