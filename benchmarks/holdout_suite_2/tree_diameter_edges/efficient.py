from collections import deque


def tree_diameter(n: int, edges: list[list[int]]) -> int:
    if n <= 1:
        return 0
    adj = [[] for _ in range(n)]
    for u, v in edges:
        adj[u].append(v)
        adj[v].append(u)

    def farthest(source):
        dist = [-1] * n
        dist[source] = 0
        queue = deque([source])
        last = source
        while queue:
            node = queue.popleft()
            last = node
            for nxt in adj[node]:
                if dist[nxt] == -1:
                    dist[nxt] = dist[node] + 1
                    queue.append(nxt)
        return last, dist[last]

    end, _ = farthest(0)
    _, length = farthest(end)
    return length
