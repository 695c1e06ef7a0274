def count_distinct_substrings(s: str) -> int:
    # materialises every substring and lets a set remove the repeats
    n = len(s)
    return len({s[i:j] for i in range(n) for j in range(i + 1, n + 1)})
