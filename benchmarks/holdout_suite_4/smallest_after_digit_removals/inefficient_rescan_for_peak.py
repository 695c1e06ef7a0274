def smallest_after_removals(digits: str, k: int) -> str:
    # removes one digit at a time: scans from the front for the first digit larger than its successor
    s = digits
    for _ in range(k):
        i = 0
        while i + 1 < len(s) and s[i] <= s[i + 1]:
            i += 1
        s = s[:i] + s[i + 1:]
    s = s.lstrip("0")
    return s if s else "0"
