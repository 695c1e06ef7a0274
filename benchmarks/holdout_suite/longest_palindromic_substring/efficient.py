def longest_palindrome_length(s: str) -> int:
    n = len(s)
    best = 0
    for center in range(2 * n - 1):
        left = center // 2
        right = left + center % 2
        while left >= 0 and right < n and s[left] == s[right]:
            left -= 1
            right += 1
        if right - left - 1 > best:
            best = right - left - 1
    return best
