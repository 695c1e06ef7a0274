def min_jumps(jumps: list[int]) -> int:
    # for every index, scans all earlier indices for the ones that can jump to it
    n = len(jumps)
    inf = float("inf")
    best = [0] + [inf] * (n - 1)
    for j in range(1, n):
        options = [best[i] for i in range(j) if i + jumps[i] >= j]
        if options:
            best[j] = min(options) + 1
    return -1 if best[n - 1] == inf else best[n - 1]
