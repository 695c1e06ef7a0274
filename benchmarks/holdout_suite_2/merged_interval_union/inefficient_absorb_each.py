def merge_intervals(intervals: list[list[int]]) -> list[list[int]]:
    # adds the intervals one by one, scanning the merged list for every piece the new one touches
    merged = []
    for start, end in intervals:
        touching = [iv for iv in merged if iv[0] <= end and start <= iv[1]]
        for iv in touching:
            start = min(start, iv[0])
            end = max(end, iv[1])
        merged = [iv for iv in merged if iv not in touching]
        merged.append([start, end])
    return sorted(merged)
