def max_min_gap(positions: list[int], k: int) -> int:
    # the answer is a difference of two positions: test every such difference from the largest down
    pts = sorted(positions)
    n = len(pts)
    candidates = sorted({pts[j] - pts[i] for i in range(n) for j in range(i + 1, n)}, reverse=True)
    for gap in candidates:
        count = 1
        last = pts[0]
        for x in pts[1:]:
            if x - last >= gap:
                count += 1
                last = x
        if count >= k:
            return gap
    return 0
