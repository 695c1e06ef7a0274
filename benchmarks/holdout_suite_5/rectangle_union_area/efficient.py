def union_area(rects: list[list[int]]) -> int:
    if not rects:
        return 0
    ys = sorted({y for r in rects for y in (r[1], r[3])})
    index = {y: i for i, y in enumerate(ys)}
    segments = len(ys) - 1
    cover = [0] * (4 * segments)    # how many rectangles cover a tree node's whole span
    covered = [0] * (4 * segments)  # covered length inside a node's span

    def update(node, lo, hi, a, b, delta):
        # node spans elementary segments lo..hi-1, the update covers segments a..b-1
        if b <= lo or hi <= a:
            return
        if a <= lo and hi <= b:
            cover[node] += delta
        else:
            mid = (lo + hi) // 2
            update(2 * node, lo, mid, a, b, delta)
            update(2 * node + 1, mid, hi, a, b, delta)
        if cover[node]:
            covered[node] = ys[hi] - ys[lo]
        elif hi - lo == 1:
            covered[node] = 0
        else:
            covered[node] = covered[2 * node] + covered[2 * node + 1]

    events = []
    for x1, y1, x2, y2 in rects:
        events.append((x1, 1, index[y1], index[y2]))
        events.append((x2, -1, index[y1], index[y2]))
    events.sort()
    area = 0
    prev_x = events[0][0]
    for x, delta, a, b in events:
        area += covered[1] * (x - prev_x)
        prev_x = x
        update(1, 0, segments, a, b, delta)
    return area
