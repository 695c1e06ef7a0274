def schedule_length(tasks: str, cooldown: int) -> int:
    # advances one time unit at a time, choosing among the ready tasks the one with the most copies left
    remaining = {}
    for t in tasks:
        remaining[t] = remaining.get(t, 0) + 1
    ready_at = {t: 0 for t in remaining}
    left = len(tasks)
    time = 0
    while left > 0:
        ready = [t for t in remaining if remaining[t] > 0 and ready_at[t] <= time]
        if ready:
            ready.sort(key=lambda t: -remaining[t])
            chosen = ready[0]
            remaining[chosen] -= 1
            ready_at[chosen] = time + cooldown + 1
            left -= 1
        time += 1
    return time
