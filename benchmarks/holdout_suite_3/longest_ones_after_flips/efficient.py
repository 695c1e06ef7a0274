def longest_ones_after_flips(bits: list[int], k: int) -> int:
    best = 0
    left = 0
    zeros = 0
    for right, bit in enumerate(bits):
        if bit == 0:
            zeros += 1
        while zeros > k:
            if bits[left] == 0:
                zeros -= 1
            left += 1
        if right - left + 1 > best:
            best = right - left + 1
    return best
