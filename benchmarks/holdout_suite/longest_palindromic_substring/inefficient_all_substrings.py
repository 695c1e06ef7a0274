def longest_palindrome_length(s: str) -> int:
    # tries lengths from longest to shortest, slicing and reversing every substring of that length
    n = len(s)
    for length in range(n, 0, -1):
        for start in range(n - length + 1):
            piece = s[start:start + length]
            if piece == piece[::-1]:
                return length
    return 0
