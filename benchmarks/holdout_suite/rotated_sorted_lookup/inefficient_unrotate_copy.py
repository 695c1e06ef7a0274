from bisect import bisect_left


def rotated_lookup(nums: list[int], queries: list[int]) -> list[int]:
    # for every query, finds the rotation point with min() and rebuilds a sorted copy before bisecting
    answers = []
    n = len(nums)
    for q in queries:
        if n == 0:
            answers.append(-1)
            continue
        pivot = nums.index(min(nums))
        ordered = nums[pivot:] + nums[:pivot]
        i = bisect_left(ordered, q)
        answers.append((i + pivot) % n if i < n and ordered[i] == q else -1)
    return answers
