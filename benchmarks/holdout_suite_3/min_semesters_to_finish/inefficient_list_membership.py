def min_semesters(n: int, prereqs: list[list[int]]) -> int:
    # every semester, checks every course's prerequisites against a plain list of taken courses
    needs = [[] for _ in range(n)]
    for before, course in prereqs:
        needs[course].append(before)
    taken = []
    semesters = 0
    while len(taken) < n:
        available = []
        for course in range(n):
            if course not in taken and all(p in taken for p in needs[course]):
                available.append(course)
        if not available:
            return -1
        taken.extend(available)
        semesters += 1
    return semesters
