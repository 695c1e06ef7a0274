def divisor_counts(nums: list[int]) -> list[int]:
    # builds a divisor-count table for every integer up to max(nums), although only a few values are asked
    if not nums:
        return []
    limit = max(nums)
    table = [0] * (limit + 1)
    for d in range(1, limit + 1):
        for multiple in range(d, limit + 1, d):
            table[multiple] += 1
    return [table[n] for n in nums]
