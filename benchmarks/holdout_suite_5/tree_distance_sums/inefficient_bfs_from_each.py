from collections import deque


def distance_sums(n: int, edges: list[list[int]]) -> list[int]:
    # runs a full breadth-first search from every node
    adj = [[] for _ in range(n)]
    for u, v in edges:
        adj[u].append(v)
        adj[v].append(u)
    answer = []
    for source in range(n):
        dist = [-1] * n
        dist[source] = 0
        queue = deque([source])
        total = 0
        while queue:
            u = queue.popleft()
            total += dist[u]
            for v in adj[u]:
                if dist[v] < 0:
                    dist[v] = dist[u] + 1
                    queue.append(v)
        answer.append(total)
    return answer
