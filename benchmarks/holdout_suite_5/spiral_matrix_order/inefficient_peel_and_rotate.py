def spiral_order(matrix: list[list[int]]) -> list[int]:
    # takes the first row, then rotates what is left a quarter turn counter-clockwise, and repeats
    rest = [list(row) for row in matrix]
    out = []
    while rest and rest[0]:
        out += rest[0]
        rest = [list(col) for col in zip(*rest[1:])][::-1]
    return out
