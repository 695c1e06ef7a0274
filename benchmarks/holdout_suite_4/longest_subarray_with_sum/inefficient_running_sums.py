def longest_subarray_with_sum(nums: list[int], target: int) -> int:
    # every start, extending the end with a running total
    n = len(nums)
    best = 0
    for i in range(n):
        total = 0
        for j in range(i, n):
            total += nums[j]
            if total == target and j - i + 1 > best:
                best = j - i + 1
    return best
