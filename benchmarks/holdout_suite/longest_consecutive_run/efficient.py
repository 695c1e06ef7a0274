def longest_consecutive_run(nums: list[int]) -> int:
    values = set(nums)
    best = 0
    for x in values:
        if x - 1 in values:
            continue
        y = x
        while y + 1 in values:
            y += 1
        if y - x + 1 > best:
            best = y - x + 1
    return best
