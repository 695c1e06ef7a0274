def anagram_starts(s: str, p: str) -> list[int]:
    m = len(p)
    if m > len(s):
        return []
    need = [0] * 26
    have = [0] * 26
    for ch in p:
        need[ord(ch) - 97] += 1
    starts = []
    for i, ch in enumerate(s):
        have[ord(ch) - 97] += 1
        if i >= m:
            have[ord(s[i - m]) - 97] -= 1
        if i >= m - 1 and have == need:
            starts.append(i - m + 1)
    return starts
