def divisor_counts(nums: list[int]) -> list[int]:
    # tests every candidate from 1 to n instead of stopping at the square root: O(n) per number
    counts = []
    for n in nums:
        total = 0
        for d in range(1, n + 1):
            if n % d == 0:
                total += 1
        counts.append(total)
    return counts
