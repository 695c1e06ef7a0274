from collections import deque


def tree_diameter(n: int, edges: list[list[int]]) -> int:
    # runs a breadth-first search from every node and keeps the largest distance seen
    adj = {node: [] for node in range(n)}
    for u, v in edges:
        adj[u].append(v)
        adj[v].append(u)
    best = 0
    for source in range(n):
        dist = {source: 0}
        queue = deque([source])
        while queue:
            node = queue.popleft()
            for nxt in adj[node]:
                if nxt not in dist:
                    dist[nxt] = dist[node] + 1
                    queue.append(nxt)
        best = max(best, max(dist.values()))
    return best
