def anagram_starts(s: str, p: str) -> list[int]:
    # sorts the letters of every window and compares with the sorted pattern
    key = sorted(p)
    m = len(p)
    return [i for i in range(len(s) - m + 1) if sorted(s[i:i + m]) == key]
