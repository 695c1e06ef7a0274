def min_jumps(jumps: list[int]) -> int:
    n = len(jumps)
    if n <= 1:
        return 0
    steps = 0
    current_end = 0  # farthest index reachable with `steps` jumps
    farthest = 0     # farthest index reachable with one more jump
    for i in range(n - 1):
        farthest = max(farthest, i + jumps[i])
        if i == current_end:
            if farthest <= i:
                return -1
            steps += 1
            current_end = farthest
            if current_end >= n - 1:
                return steps
    return steps
