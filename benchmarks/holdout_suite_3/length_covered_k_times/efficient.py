def covered_length(intervals: list[list[int]], k: int) -> int:
    events = []
    for left, right in intervals:
        if left < right:
            events.append((left, 1))
            events.append((right, -1))
    events.sort()
    total = 0
    active = 0
    previous = None
    for x, delta in events:
        if previous is not None and x != previous and active >= k:
            total += x - previous
        active += delta
        previous = x
    return total
