def count_xor_subarrays(nums: list[int], k: int) -> int:
    # extends a running xor from every start position to every end position
    count = 0
    n = len(nums)
    for i in range(n):
        acc = 0
        for j in range(i, n):
            acc ^= nums[j]
            if acc == k:
                count += 1
    return count
