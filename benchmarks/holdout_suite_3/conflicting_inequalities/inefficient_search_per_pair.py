from collections import deque


def count_conflicts(n: int, equal_pairs: list[list[int]], unequal_pairs: list[list[int]]) -> int:
    # for every "unequal" pair, searches the equality graph from one side for the other
    graph = [[] for _ in range(n)]
    for a, b in equal_pairs:
        graph[a].append(b)
        graph[b].append(a)
    conflicts = 0
    for a, b in unequal_pairs:
        seen = {a}
        queue = deque([a])
        while queue:
            v = queue.popleft()
            if v == b:
                conflicts += 1
                break
            for w in graph[v]:
                if w not in seen:
                    seen.add(w)
                    queue.append(w)
    return conflicts
