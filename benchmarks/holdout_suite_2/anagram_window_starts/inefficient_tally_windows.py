def tally(text):
    counts = {}
    for ch in text:
        counts[ch] = counts.get(ch, 0) + 1
    return counts


def anagram_starts(s: str, p: str) -> list[int]:
    # counts the letters of every window from scratch
    target = tally(p)
    m = len(p)
    starts = []
    i = 0
    while i + m <= len(s):
        if tally(s[i:i + m]) == target:
            starts.append(i)
        i += 1
    return starts
