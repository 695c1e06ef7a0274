def processing_order(tasks: list[list[int]]) -> list[int]:
    # keeps the waiting tasks in a list and sorts it again before taking the front task each time
    arrivals = sorted(range(len(tasks)), key=lambda i: tasks[i][0])
    waiting = []
    order = []
    time = 0
    k = 0
    while k < len(arrivals) or waiting:
        if not waiting and tasks[arrivals[k]][0] > time:
            time = tasks[arrivals[k]][0]
        while k < len(arrivals) and tasks[arrivals[k]][0] <= time:
            i = arrivals[k]
            waiting.append((tasks[i][1], i))
            k += 1
        waiting.sort()
        duration, i = waiting.pop(0)
        time += duration
        order.append(i)
    return order
