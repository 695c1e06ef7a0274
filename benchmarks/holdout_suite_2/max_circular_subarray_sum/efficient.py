def max_circular_sum(nums: list[int]) -> int:
    if not nums:
        return 0
    best_max = cur_max = nums[0]
    best_min = cur_min = nums[0]
    for x in nums[1:]:
        cur_max = max(x, cur_max + x)
        best_max = max(best_max, cur_max)
        cur_min = min(x, cur_min + x)
        best_min = min(best_min, cur_min)
    if best_max < 0:
        return best_max  # every element is negative: the wrap-around case would be empty
    return max(best_max, sum(nums) - best_min)
