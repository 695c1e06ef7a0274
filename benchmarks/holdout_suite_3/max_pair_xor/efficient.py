def max_pair_xor(nums: list[int]) -> int:
    if len(nums) < 2:
        return 0
    answer = 0
    mask = 0
    for bit in range(max(nums).bit_length() - 1, -1, -1):
        mask |= 1 << bit
        prefixes = {x & mask for x in nums}
        candidate = answer | (1 << bit)
        # candidate is reachable if two prefixes XOR to it
        if any(candidate ^ p in prefixes for p in prefixes):
            answer = candidate
    return answer
