def max_pair_xor(nums: list[int]) -> int:
    # XORs every pair of numbers
    best = 0
    n = len(nums)
    for i in range(n):
        for j in range(i + 1, n):
            value = nums[i] ^ nums[j]
            if value > best:
                best = value
    return best
