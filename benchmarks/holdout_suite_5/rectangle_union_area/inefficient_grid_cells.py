def union_area(rects: list[list[int]]) -> int:
    # compresses the coordinates into a grid of cells, marks every cell of every rectangle, and adds up the marked cells
    xs = sorted({x for r in rects for x in (r[0], r[2])})
    ys = sorted({y for r in rects for y in (r[1], r[3])})
    marked = [[False] * len(ys) for _ in xs]
    for x1, y1, x2, y2 in rects:
        for i in range(xs.index(x1), xs.index(x2)):
            for j in range(ys.index(y1), ys.index(y2)):
                marked[i][j] = True
    area = 0
    for i in range(len(xs) - 1):
        for j in range(len(ys) - 1):
            if marked[i][j]:
                area += (xs[i + 1] - xs[i]) * (ys[j + 1] - ys[j])
    return area
