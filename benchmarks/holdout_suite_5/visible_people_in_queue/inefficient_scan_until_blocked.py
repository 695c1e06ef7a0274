def visible_counts(heights: list[int]) -> list[int]:
    # walks right from every person, tracking the tallest person in between, until the view is blocked
    answer = []
    for i, h in enumerate(heights):
        tallest_between = 0
        seen = 0
        for j in range(i + 1, len(heights)):
            if min(h, heights[j]) > tallest_between:
                seen += 1
            tallest_between = max(tallest_between, heights[j])
            if tallest_between >= h:
                break
        answer.append(seen)
    return answer
