import heapq


def processing_order(tasks: list[list[int]]) -> list[int]:
    n = len(tasks)
    by_arrival = sorted(range(n), key=lambda i: tasks[i][0])
    ready = []  # (processing time, index) of tasks that have arrived and wait
    order = []
    time = 0
    k = 0
    while len(order) < n:
        if not ready and tasks[by_arrival[k]][0] > time:
            time = tasks[by_arrival[k]][0]
        while k < n and tasks[by_arrival[k]][0] <= time:
            i = by_arrival[k]
            heapq.heappush(ready, (tasks[i][1], i))
            k += 1
        duration, i = heapq.heappop(ready)
        time += duration
        order.append(i)
    return order
