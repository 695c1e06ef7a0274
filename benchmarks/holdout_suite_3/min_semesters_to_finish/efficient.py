def min_semesters(n: int, prereqs: list[list[int]]) -> int:
    after = [[] for _ in range(n)]
    indegree = [0] * n
    for before, course in prereqs:
        after[before].append(course)
        indegree[course] += 1
    current = [c for c in range(n) if indegree[c] == 0]
    taken = 0
    semesters = 0
    while current:
        semesters += 1
        taken += len(current)
        following = []
        for course in current:
            for nxt in after[course]:
                indegree[nxt] -= 1
                if indegree[nxt] == 0:
                    following.append(nxt)
        current = following
    return semesters if taken == n else -1
