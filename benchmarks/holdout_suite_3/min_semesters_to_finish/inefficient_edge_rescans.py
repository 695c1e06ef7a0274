def min_semesters(n: int, prereqs: list[list[int]]) -> int:
    # every semester, rescans all prerequisite pairs to see which courses are still blocked
    taken = set()
    semesters = 0
    while len(taken) < n:
        blocked = {course for before, course in prereqs if before not in taken}
        available = [c for c in range(n) if c not in taken and c not in blocked]
        if not available:
            return -1
        taken.update(available)
        semesters += 1
    return semesters
