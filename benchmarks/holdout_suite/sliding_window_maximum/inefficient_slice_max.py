def window_maxima(nums: list[int], k: int) -> list[int]:
    # copies every window into a new list and takes its max: O(n * k)
    return [max(nums[i:i + k]) for i in range(len(nums) - k + 1)]
