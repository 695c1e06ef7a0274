def max_min_gap(positions: list[int], k: int) -> int:
    # tries gaps 1, 2, 3, ... until the greedy placement no longer fits k points
    pts = sorted(positions)

    def fits(gap):
        count = 1
        last = pts[0]
        for x in pts[1:]:
            if x - last >= gap:
                count += 1
                last = x
        return count >= k

    gap = 1
    while fits(gap):
        gap += 1
    return gap - 1
