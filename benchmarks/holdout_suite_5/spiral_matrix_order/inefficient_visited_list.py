def spiral_order(matrix: list[list[int]]) -> list[int]:
    # walks and turns right whenever the next cell is outside or already in the list of visited cells
    if not matrix or not matrix[0]:
        return []
    rows, cols = len(matrix), len(matrix[0])
    moves = [(0, 1), (1, 0), (0, -1), (-1, 0)]
    visited = []
    out = []
    r = c = d = 0
    for _ in range(rows * cols):
        out.append(matrix[r][c])
        visited.append((r, c))
        nr, nc = r + moves[d][0], c + moves[d][1]
        if not (0 <= nr < rows and 0 <= nc < cols) or (nr, nc) in visited:
            d = (d + 1) % 4
            nr, nc = r + moves[d][0], c + moves[d][1]
        r, c = nr, nc
    return out
