def longest_balanced(bits: list[int]) -> int:
    # from every start, extends to the right keeping the difference between ones and zeros
    n = len(bits)
    best = 0
    for i in range(n):
        diff = 0
        for j in range(i, n):
            diff += 1 if bits[j] == 1 else -1
            if diff == 0 and j - i + 1 > best:
                best = j - i + 1
    return best
