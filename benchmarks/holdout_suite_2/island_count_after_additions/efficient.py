def islands_after_additions(rows: int, cols: int, positions: list[list[int]]) -> list[int]:
    parent = {}
    size = {}

    def find(x):
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    islands = 0
    counts = []
    for r, c in positions:
        cell = r * cols + c
        if cell not in parent:
            parent[cell] = cell
            size[cell] = 1
            islands += 1
            for nr, nc in ((r - 1, c), (r + 1, c), (r, c - 1), (r, c + 1)):
                if 0 <= nr < rows and 0 <= nc < cols:
                    other = nr * cols + nc
                    if other in parent:
                        a, b = find(cell), find(other)
                        if a != b:
                            if size[a] < size[b]:
                                a, b = b, a
                            parent[b] = a
                            size[a] += size[b]
                            islands -= 1
        counts.append(islands)
    return counts
