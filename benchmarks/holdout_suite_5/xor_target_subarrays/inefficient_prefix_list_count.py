def count_xor_subarrays(nums: list[int], k: int) -> int:
    # keeps the earlier prefix xors in a plain list and counts matches with list.count
    earlier = [0]
    prefix = 0
    total = 0
    for x in nums:
        prefix ^= x
        total += earlier.count(prefix ^ k)
        earlier.append(prefix)
    return total
