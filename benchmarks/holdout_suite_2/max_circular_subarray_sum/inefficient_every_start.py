def max_circular_sum(nums: list[int]) -> int:
    # from every start, walks once around the circle keeping a running sum
    n = len(nums)
    if n == 0:
        return 0
    best = nums[0]
    for start in range(n):
        running = 0
        for length in range(n):
            running += nums[(start + length) % n]
            if running > best:
                best = running
    return best
