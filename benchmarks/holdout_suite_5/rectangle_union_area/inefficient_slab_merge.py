def union_area(rects: list[list[int]]) -> int:
    # cuts the plane into vertical slabs at every x edge and merges the y intervals crossing each slab
    xs = sorted({x for r in rects for x in (r[0], r[2])})
    area = 0
    for left, right in zip(xs, xs[1:]):
        spans = sorted((y1, y2) for x1, y1, x2, y2 in rects if x1 <= left and right <= x2)
        length = 0
        start = end = None
        for y1, y2 in spans:
            if end is None or y1 > end:
                if end is not None:
                    length += end - start
                start, end = y1, y2
            elif y2 > end:
                end = y2
        if end is not None:
            length += end - start
        area += length * (right - left)
    return area
