def longest_balanced(bits: list[int]) -> int:
    first_seen = {0: -1}  # balance (ones minus zeros) -> earliest prefix end with that balance
    balance = 0
    best = 0
    for i, b in enumerate(bits):
        balance += 1 if b == 1 else -1
        if balance in first_seen:
            best = max(best, i - first_seen[balance])
        else:
            first_seen[balance] = i
    return best
