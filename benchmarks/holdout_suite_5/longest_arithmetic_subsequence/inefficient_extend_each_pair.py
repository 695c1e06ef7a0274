def longest_arithmetic_length(nums: list[int]) -> int:
    # fixes the first two terms, then scans the rest of the list for each next term in turn
    n = len(nums)
    if n <= 2:
        return n
    best = 2
    for i in range(n):
        for j in range(i + 1, n):
            step = nums[j] - nums[i]
            want = nums[j] + step
            length = 2
            for k in range(j + 1, n):
                if nums[k] == want:
                    length += 1
                    want += step
            best = max(best, length)
    return best
