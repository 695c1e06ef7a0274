from itertools import product


def signed_sum_ways(nums: list[int], target: int) -> int:
    # builds every vector of signs and sums the signed numbers for each
    ways = 0
    for signs in product((1, -1), repeat=len(nums)):
        if sum(sign * x for sign, x in zip(signs, nums)) == target:
            ways += 1
    return ways
