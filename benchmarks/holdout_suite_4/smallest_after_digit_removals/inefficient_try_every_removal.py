def smallest_after_removals(digits: str, k: int) -> str:
    # removes one digit at a time, trying every position and keeping the smallest resulting string
    current = digits
    for _ in range(k):
        best = None
        for i in range(len(current)):
            candidate = current[:i] + current[i + 1:]
            if best is None or candidate < best:
                best = candidate
        current = best
    result = current.lstrip("0")
    return result if result else "0"
