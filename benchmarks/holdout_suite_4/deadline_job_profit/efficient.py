import heapq


def max_job_profit(jobs: list[list[int]]) -> int:
    # by deadline; a min-heap holds the profits of the jobs kept so far
    kept = []
    for deadline, profit in sorted(jobs):
        heapq.heappush(kept, profit)
        if len(kept) > deadline:
            heapq.heappop(kept)
    return sum(kept)
