def max_min_gap(positions: list[int], k: int) -> int:
    # binary search on the gap; a greedy left-to-right pick decides whether a gap is achievable
    pts = sorted(positions)

    def fits(gap):
        count = 1
        last = pts[0]
        for x in pts:
            if x - last >= gap:
                count += 1
                last = x
                if count >= k:
                    return True
        return count >= k

    lo, hi = 0, (pts[-1] - pts[0]) // (k - 1)
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if fits(mid):
            lo = mid
        else:
            hi = mid - 1
    return lo
