def count_equal_three_splits(nums: list[int]) -> int:
    # sums a fresh slice for every first cut; for good first cuts, walks every second cut
    n = len(nums)
    total = sum(nums)
    ways = 0
    for i in range(1, n - 1):
        left = sum(nums[:i])
        if 3 * left != total:
            continue
        middle = 0
        for j in range(i + 1, n):
            middle += nums[j - 1]
            if middle == left:
                ways += 1
    return ways
