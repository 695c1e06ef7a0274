def window_maxima(nums: list[int], k: int) -> list[int]:
    # tracks the current maximum and rescans the whole window in Python whenever it slides out
    result = []
    best_index = -1
    for i in range(len(nums)):
        start = i - k + 1
        if best_index < start:
            best_index = max(start, 0)
            for j in range(best_index, i + 1):
                if nums[j] >= nums[best_index]:
                    best_index = j
        elif nums[i] >= nums[best_index]:
            best_index = i
        if start >= 0:
            result.append(nums[best_index])
    return result
