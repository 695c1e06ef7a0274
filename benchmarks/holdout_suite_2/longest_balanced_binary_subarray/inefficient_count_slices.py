def longest_balanced(bits: list[int]) -> int:
    # counts zeros and ones in a fresh slice for every even-length subarray
    n = len(bits)
    best = 0
    for i in range(n):
        for j in range(i + 2, n + 1, 2):
            part = bits[i:j]
            if part.count(0) == part.count(1):
                best = max(best, j - i)
    return best
