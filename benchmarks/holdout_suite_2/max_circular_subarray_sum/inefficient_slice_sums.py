def max_circular_sum(nums: list[int]) -> int:
    # sums a fresh slice of the doubled list for every start and length
    n = len(nums)
    if n == 0:
        return 0
    doubled = nums + nums
    return max(sum(doubled[start:start + length]) for start in range(n) for length in range(1, n + 1))
