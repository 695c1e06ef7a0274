def max_final_capital(k: int, capital: int, profits: list[int], costs: list[int]) -> int:
    # every round sorts the affordable projects by profit and takes the best, removing it from the pool
    pool = list(zip(profits, costs))
    rounds = 0
    while rounds < k:
        affordable = sorted((p for p in pool if p[1] <= capital), reverse=True)
        if not affordable:
            break
        chosen = affordable[0]
        pool.remove(chosen)
        capital += chosen[0]
        rounds += 1
    return capital
