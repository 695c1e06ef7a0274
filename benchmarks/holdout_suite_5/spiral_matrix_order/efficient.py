def spiral_order(matrix: list[list[int]]) -> list[int]:
    if not matrix or not matrix[0]:
        return []
    top, bottom = 0, len(matrix) - 1
    left, right = 0, len(matrix[0]) - 1
    out = []
    while top <= bottom and left <= right:
        out.extend(matrix[top][left:right + 1])
        for r in range(top + 1, bottom + 1):
            out.append(matrix[r][right])
        if top < bottom and left < right:
            row = matrix[bottom]
            for c in range(right - 1, left - 1, -1):
                out.append(row[c])
            for r in range(bottom - 1, top, -1):
                out.append(matrix[r][left])
        top += 1
        bottom -= 1
        left += 1
        right -= 1
    return out
