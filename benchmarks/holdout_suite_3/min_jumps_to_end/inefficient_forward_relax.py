def min_jumps(jumps: list[int]) -> int:
    # relaxes every landing spot of every reachable index
    n = len(jumps)
    best = [-1] * n
    best[0] = 0
    for i in range(n):
        if best[i] < 0:
            continue
        for j in range(i + 1, min(n, i + jumps[i] + 1)):
            if best[j] < 0 or best[i] + 1 < best[j]:
                best[j] = best[i] + 1
    return best[n - 1]
