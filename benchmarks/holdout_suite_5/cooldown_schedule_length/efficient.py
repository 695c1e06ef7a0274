from collections import Counter


def schedule_length(tasks: str, cooldown: int) -> int:
    if not tasks:
        return 0
    counts = Counter(tasks).values()
    most = max(counts)
    tied = sum(1 for c in counts if c == most)
    # the most frequent tasks fix (most - 1) full frames of cooldown + 1 slots plus one last partial frame
    return max(len(tasks), (most - 1) * (cooldown + 1) + tied)
