def islands_after_additions(rows: int, cols: int, positions: list[list[int]]) -> list[int]:
    # gives every island a label; joining islands rewrites the old labels across the whole grid
    label = [[0] * cols for _ in range(rows)]
    next_label = 1
    islands = 0
    counts = []
    for r, c in positions:
        if label[r][c] == 0:
            label[r][c] = next_label
            next_label += 1
            islands += 1
            for nr, nc in ((r - 1, c), (r + 1, c), (r, c - 1), (r, c + 1)):
                if 0 <= nr < rows and 0 <= nc < cols and label[nr][nc] != 0 and label[nr][nc] != label[r][c]:
                    old = label[nr][nc]
                    new = label[r][c]
                    for i in range(rows):
                        for j in range(cols):
                            if label[i][j] == old:
                                label[i][j] = new
                    islands -= 1
        counts.append(islands)
    return counts
