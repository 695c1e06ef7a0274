def longest_consecutive_run(nums: list[int]) -> int:
    # walks upward from every value, not only from the start of a run, so long runs are walked many times
    values = set(nums)
    best = 0
    for x in values:
        length = 1
        while x + length in values:
            length += 1
        best = max(best, length)
    return best
