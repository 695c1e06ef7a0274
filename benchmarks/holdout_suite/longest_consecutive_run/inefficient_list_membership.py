def longest_consecutive_run(nums: list[int]) -> int:
    # membership tests on the plain list instead of a set: every lookup is a linear scan
    best = 0
    for x in nums:
        if x - 1 in nums:
            continue
        y = x
        while y + 1 in nums:
            y += 1
        best = max(best, y - x + 1)
    return best
