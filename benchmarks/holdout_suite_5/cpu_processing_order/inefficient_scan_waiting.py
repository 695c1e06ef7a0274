def processing_order(tasks: list[list[int]]) -> list[int]:
    # each time the processor is free, scans every unfinished task for the shortest one that has arrived
    unfinished = list(range(len(tasks)))
    order = []
    time = 0
    while unfinished:
        best = None
        for i in unfinished:
            arrive, duration = tasks[i]
            if arrive <= time and (best is None or (duration, i) < (tasks[best][1], best)):
                best = i
        if best is None:
            time = min(tasks[i][0] for i in unfinished)
            continue
        unfinished.remove(best)
        time += tasks[best][1]
        order.append(best)
    return order
