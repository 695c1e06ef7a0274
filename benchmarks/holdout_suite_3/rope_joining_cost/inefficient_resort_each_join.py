def min_join_cost(lengths: list[int]) -> int:
    # sorts the ropes again before every join and takes the two shortest from the front
    ropes = list(lengths)
    cost = 0
    while len(ropes) > 1:
        ropes.sort()
        a = ropes.pop(0)
        b = ropes.pop(0)
        cost += a + b
        ropes.append(a + b)
    return cost
