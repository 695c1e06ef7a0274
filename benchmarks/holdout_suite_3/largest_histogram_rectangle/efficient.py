def largest_rectangle(heights: list[int]) -> int:
    best = 0
    stack = []  # (leftmost start, height) with strictly increasing heights
    for i, h in enumerate(heights):
        start = i
        while stack and stack[-1][1] >= h:
            start, height = stack.pop()
            area = height * (i - start)
            if area > best:
                best = area
        stack.append((start, h))
    n = len(heights)
    for start, height in stack:
        area = height * (n - start)
        if area > best:
            best = area
    return best
