def count_equal_three_splits(nums: list[int]) -> int:
    total = sum(nums)
    if total % 3:
        return 0
    third = total // 3
    prefix = 0
    first_cuts = 0  # cuts so far whose left part sums to one third
    ways = 0
    for j in range(1, len(nums)):
        prefix += nums[j - 1]
        if prefix == 2 * third:
            ways += first_cuts
        if prefix == third:
            first_cuts += 1
    return ways
