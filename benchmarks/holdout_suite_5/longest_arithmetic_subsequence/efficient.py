def longest_arithmetic_length(nums: list[int]) -> int:
    n = len(nums)
    if n <= 2:
        return n
    best = 2
    ending = []  # ending[j][d]: longest arithmetic subsequence ending at j with difference d
    for j in range(n):
        here = {}
        x = nums[j]
        for i in range(j):
            d = x - nums[i]
            length = ending[i].get(d, 1) + 1
            if length > here.get(d, 0):
                here[d] = length
                if length > best:
                    best = length
        ending.append(here)
    return best
