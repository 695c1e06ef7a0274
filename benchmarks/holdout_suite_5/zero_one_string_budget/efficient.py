def max_strings_within_budget(strs: list[str], zeros: int, ones: int) -> int:
    # best[z][o]: most strings choosable with at most z zeros and o ones (0/1 knapsack in two dimensions)
    best = [[0] * (ones + 1) for _ in range(zeros + 1)]
    for s in strs:
        z = s.count("0")
        o = len(s) - z
        if z > zeros or o > ones:
            continue
        for i in range(zeros, z - 1, -1):
            row, source = best[i], best[i - z]
            for j in range(ones, o - 1, -1):
                if source[j - o] + 1 > row[j]:
                    row[j] = source[j - o] + 1
    return best[zeros][ones]
