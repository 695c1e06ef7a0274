def max_final_capital(k: int, capital: int, profits: list[int], costs: list[int]) -> int:
    # every round scans all projects for the most profitable affordable one
    n = len(profits)
    done = [False] * n
    for _ in range(k):
        best = -1
        for i in range(n):
            if not done[i] and costs[i] <= capital and (best == -1 or profits[i] > profits[best]):
                best = i
        if best == -1:
            break
        done[best] = True
        capital += profits[best]
    return capital
