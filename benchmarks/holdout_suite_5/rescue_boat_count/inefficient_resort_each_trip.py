def min_boats(weights: list[int], limit: int) -> int:
    # sorts the people still waiting before every boat, then takes the heaviest and maybe the lightest
    waiting = list(weights)
    boats = 0
    while waiting:
        waiting.sort()
        big = waiting.pop()
        if waiting and waiting[0] + big <= limit:
            waiting.pop(0)
        boats += 1
    return boats
