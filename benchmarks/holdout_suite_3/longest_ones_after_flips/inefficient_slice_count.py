def longest_ones_after_flips(bits: list[int], k: int) -> int:
    # for every start, grows the window one element at a time and recounts its zeros on a fresh slice
    best = 0
    for i in range(len(bits)):
        for j in range(i, len(bits)):
            if bits[i:j + 1].count(0) > k:
                break
            best = max(best, j - i + 1)
    return best
