from bisect import bisect_left


def rotated_lookup(nums: list[int], queries: list[int]) -> list[int]:
    n = len(nums)
    if n == 0:
        return [-1] * len(queries)
    # binary search for the position of the smallest element (the rotation point)
    lo, hi = 0, n - 1
    while lo < hi:
        mid = (lo + hi) // 2
        if nums[mid] > nums[hi]:
            lo = mid + 1
        else:
            hi = mid
    pivot = lo
    answers = []
    for q in queries:
        if pivot > 0 and q >= nums[0]:
            start, end = 0, pivot
        else:
            start, end = pivot, n
        i = bisect_left(nums, q, start, end)
        answers.append(i if i < end and nums[i] == q else -1)
    return answers
