def count_distinct_substrings(s: str) -> int:
    # counts a substring only at the position where it first occurs, found with str.find
    n = len(s)
    count = 0
    for i in range(n):
        for j in range(i + 1, n + 1):
            if s.find(s[i:j]) == i:
                count += 1
    return count
