def longest_arithmetic_length(nums: list[int]) -> int:
    # tries every difference that occurs between two elements, with one pass over the list per difference
    n = len(nums)
    if n <= 2:
        return n
    differences = {nums[j] - nums[i] for i in range(n) for j in range(i + 1, n)}
    best = 2
    for d in differences:
        longest_ending_in = {}  # value -> longest subsequence with difference d ending in that value
        for x in nums:
            length = longest_ending_in.get(x - d, 0) + 1
            if length > longest_ending_in.get(x, 0):
                longest_ending_in[x] = length
        best = max(best, max(longest_ending_in.values()))
    return best
