def min_boats(weights: list[int], limit: int) -> int:
    order = sorted(weights)
    light, heavy = 0, len(order) - 1
    boats = 0
    while light <= heavy:
        if light < heavy and order[light] + order[heavy] <= limit:
            light += 1
        heavy -= 1
        boats += 1
    return boats
