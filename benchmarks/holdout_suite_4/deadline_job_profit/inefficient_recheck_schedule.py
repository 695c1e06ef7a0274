def max_job_profit(jobs: list[list[int]]) -> int:
    # most profitable first; tentatively add a job, re-sort the chosen deadlines and check they all still fit
    chosen = []
    total = 0
    for deadline, profit in sorted(jobs, key=lambda job: -job[1]):
        trial = sorted(chosen + [deadline])
        feasible = True
        for position, d in enumerate(trial):
            if d < position + 1:
                feasible = False
                break
        if feasible:
            chosen = trial
            total += profit
    return total
