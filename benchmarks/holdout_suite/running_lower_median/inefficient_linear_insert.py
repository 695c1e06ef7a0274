def running_medians(nums: list[int]) -> list[int]:
    # keeps a sorted list and finds each insertion position by a linear scan: O(n^2)
    ordered = []
    medians = []
    for x in nums:
        pos = 0
        while pos < len(ordered) and ordered[pos] < x:
            pos += 1
        ordered.insert(pos, x)
        medians.append(ordered[(len(ordered) - 1) // 2])
    return medians
