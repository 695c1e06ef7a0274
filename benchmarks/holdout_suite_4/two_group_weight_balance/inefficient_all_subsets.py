def min_split_difference(weights: list[int]) -> int:
    # tries every subset as the first group
    n = len(weights)
    total = sum(weights)
    best = total
    for mask in range(1 << n):
        first = 0
        for i in range(n):
            if mask >> i & 1:
                first += weights[i]
        best = min(best, abs(total - 2 * first))
    return best
