def covered_length(intervals: list[list[int]], k: int) -> int:
    # cuts the line at every endpoint and counts, for each piece, the intervals that contain it
    points = sorted({x for interval in intervals for x in interval})
    total = 0
    for a, b in zip(points, points[1:]):
        covering = sum(1 for left, right in intervals if left <= a and b <= right)
        if covering >= k:
            total += b - a
    return total
