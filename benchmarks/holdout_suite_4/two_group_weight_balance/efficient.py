def min_split_difference(weights: list[int]) -> int:
    # subset-sum reachability as the bits of one integer: bit s is set when some subset sums to s
    total = sum(weights)
    reachable = 1
    for w in weights:
        reachable |= reachable << w
    for s in range(total // 2, -1, -1):
        if reachable >> s & 1:
            return total - 2 * s
    return total
