def longest_ones_after_flips(bits: list[int], k: int) -> int:
    # from every start, walks right until a (k + 1)-th zero would be needed
    n = len(bits)
    best = 0
    for start in range(n):
        zeros = 0
        end = start
        while end < n:
            if bits[end] == 0:
                zeros += 1
                if zeros > k:
                    break
            end += 1
        best = max(best, end - start)
    return best
