def min_join_cost(lengths: list[int]) -> int:
    # finds the two shortest ropes with a scan over the list before every join
    ropes = list(lengths)

    def take_shortest():
        best = 0
        for i in range(1, len(ropes)):
            if ropes[i] < ropes[best]:
                best = i
        return ropes.pop(best)

    cost = 0
    while len(ropes) > 1:
        joined = take_shortest() + take_shortest()
        cost += joined
        ropes.append(joined)
    return cost
