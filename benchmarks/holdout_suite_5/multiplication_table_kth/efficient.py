def kth_in_table(m: int, n: int, k: int) -> int:
    if m > n:
        m, n = n, m
    lo, hi = 1, m * n
    while lo < hi:
        mid = (lo + hi) // 2
        # how many entries are <= mid: row i holds i, 2i, ..., n*i
        count = 0
        for i in range(1, m + 1):
            count += min(mid // i, n)
        if count >= k:
            hi = mid
        else:
            lo = mid + 1
    return lo
