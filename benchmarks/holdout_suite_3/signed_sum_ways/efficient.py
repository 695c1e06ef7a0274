from collections import defaultdict


def signed_sum_ways(nums: list[int], target: int) -> int:
    ways = {0: 1}  # reachable total -> number of sign choices giving it
    for x in nums:
        nxt = defaultdict(int)
        for total, count in ways.items():
            nxt[total + x] += count
            nxt[total - x] += count
        ways = nxt
    return ways.get(target, 0)
