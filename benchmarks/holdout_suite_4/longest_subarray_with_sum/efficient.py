def longest_subarray_with_sum(nums: list[int], target: int) -> int:
    # prefix sums; remember where each prefix sum first appears
    first_seen = {0: 0}
    prefix = 0
    best = 0
    for i, x in enumerate(nums, start=1):
        prefix += x
        j = first_seen.get(prefix - target)
        if j is not None and i - j > best:
            best = i - j
        if prefix not in first_seen:
            first_seen[prefix] = i
    return best
