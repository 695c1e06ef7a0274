def largest_rectangle(heights: list[int]) -> int:
    # tries every range of bars, keeping a running minimum height as the range grows
    n = len(heights)
    best = 0
    for i in range(n):
        lowest = heights[i]
        for j in range(i, n):
            if heights[j] < lowest:
                lowest = heights[j]
            area = lowest * (j - i + 1)
            if area > best:
                best = area
    return best
