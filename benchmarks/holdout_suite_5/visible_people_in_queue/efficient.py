def visible_counts(heights: list[int]) -> list[int]:
    n = len(heights)
    answer = [0] * n
    stack = []  # heights to the right still visible from further left, strictly decreasing bottom to top
    for i in range(n - 1, -1, -1):
        h = heights[i]
        seen = 0
        while stack and stack[-1] < h:
            stack.pop()
            seen += 1
        if stack:
            seen += 1
            if stack[-1] == h:
                stack.pop()
        stack.append(h)
        answer[i] = seen
    return answer
