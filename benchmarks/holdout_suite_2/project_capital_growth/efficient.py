import heapq


def max_final_capital(k: int, capital: int, profits: list[int], costs: list[int]) -> int:
    projects = sorted(zip(costs, profits))
    available = []  # max-heap of profits (negated) of the projects affordable so far
    i = 0
    for _ in range(k):
        while i < len(projects) and projects[i][0] <= capital:
            heapq.heappush(available, -projects[i][1])
            i += 1
        if not available:
            break
        capital -= heapq.heappop(available)
    return capital
