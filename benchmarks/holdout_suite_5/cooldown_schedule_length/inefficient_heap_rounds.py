import heapq
from collections import Counter


def schedule_length(tasks: str, cooldown: int) -> int:
    # simulates the schedule frame by frame, each frame running the most frequent remaining tasks
    heap = [-c for c in Counter(tasks).values()]
    heapq.heapify(heap)
    time = 0
    while heap:
        ran = []
        for _ in range(cooldown + 1):
            if not heap:
                break
            ran.append(heapq.heappop(heap) + 1)
        for c in ran:
            if c < 0:
                heapq.heappush(heap, c)
        time += cooldown + 1 if heap else len(ran)
    return time
