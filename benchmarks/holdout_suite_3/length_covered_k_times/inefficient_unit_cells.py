def covered_length(intervals: list[list[int]], k: int) -> int:
    # walks the line one unit at a time and counts the intervals over each unit
    if not intervals:
        return 0
    low = min(left for left, _ in intervals)
    high = max(right for _, right in intervals)
    total = 0
    x = low
    while x < high:
        covering = 0
        for left, right in intervals:
            if left <= x < right:
                covering += 1
        if covering >= k:
            total += 1
        x += 1
    return total
