from collections import deque


def largest_scc_size(n: int, edges: list[list[int]]) -> int:
    # a BFS from every vertex; u and v share a component when each reaches the other
    adj = [[] for _ in range(n)]
    for u, v in edges:
        adj[u].append(v)
    reach = []
    for start in range(n):
        seen = {start}
        queue = deque([start])
        while queue:
            u = queue.popleft()
            for w in adj[u]:
                if w not in seen:
                    seen.add(w)
                    queue.append(w)
        reach.append(seen)
    best = 0
    for v in range(n):
        size = sum(1 for u in reach[v] if v in reach[u])
        best = max(best, size)
    return best
