def min_eating_speed(piles: list[int], hours: int) -> int:
    lo, hi = 1, max(piles, default=1)
    while lo < hi:
        mid = (lo + hi) // 2
        needed = sum((p + mid - 1) // mid for p in piles)
        if needed <= hours:
            hi = mid
        else:
            lo = mid + 1
    return lo
