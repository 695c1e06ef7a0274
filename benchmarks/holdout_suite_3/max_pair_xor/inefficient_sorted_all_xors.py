from itertools import combinations


def max_pair_xor(nums: list[int]) -> int:
    # collects the XOR of every pair, sorts them all, and takes the largest
    if len(nums) < 2:
        return 0
    values = sorted(a ^ b for a, b in combinations(nums, 2))
    return values[-1]
