def max_job_profit(jobs: list[list[int]]) -> int:
    # most profitable first; each job takes the latest free slot at or before its deadline, found by walking back
    n = len(jobs)
    taken = [False] * (n + 1)
    total = 0
    for deadline, profit in sorted(jobs, key=lambda job: job[1], reverse=True):
        slot = min(deadline, n)
        while slot >= 1 and taken[slot]:
            slot -= 1
        if slot >= 1:
            taken[slot] = True
            total += profit
    return total
