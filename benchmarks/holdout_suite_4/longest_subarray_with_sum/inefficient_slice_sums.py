def longest_subarray_with_sum(nums: list[int], target: int) -> int:
    # sums the slice for every start and end
    n = len(nums)
    best = 0
    for i in range(n):
        for j in range(i + 1, n + 1):
            if sum(nums[i:j]) == target:
                best = max(best, j - i)
    return best
