import math


def divisor_counts(nums: list[int]) -> list[int]:
    counts = []
    for n in nums:
        root = math.isqrt(n)
        total = 0
        for d in range(1, root + 1):
            if n % d == 0:
                total += 2
        if root * root == n:
            total -= 1
        counts.append(total)
    return counts
