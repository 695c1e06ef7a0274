def visible_counts(heights: list[int]) -> list[int]:
    # checks every pair (i, j), keeping the tallest height between them as j moves right
    n = len(heights)
    answer = [0] * n
    for i in range(n):
        tallest_between = 0
        for j in range(i + 1, n):
            if heights[i] > tallest_between and heights[j] > tallest_between:
                answer[i] += 1
            if heights[j] > tallest_between:
                tallest_between = heights[j]
    return answer
