def rotated_lookup(nums: list[int], queries: list[int]) -> list[int]:
    # scans the whole list for every query: O(n * q)
    answers = []
    for q in queries:
        found = -1
        for i, value in enumerate(nums):
            if value == q:
                found = i
                break
        answers.append(found)
    return answers
