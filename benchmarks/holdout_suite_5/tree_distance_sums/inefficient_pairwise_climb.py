def distance_sums(n: int, edges: list[list[int]]) -> list[int]:
    # roots the tree, then measures every pair's distance by climbing both nodes to their common ancestor
    adj = [[] for _ in range(n)]
    for u, v in edges:
        adj[u].append(v)
        adj[v].append(u)
    parent = [-1] * n
    depth = [0] * n
    stack = [0]
    seen = [False] * n
    seen[0] = True
    while stack:
        u = stack.pop()
        for v in adj[u]:
            if not seen[v]:
                seen[v] = True
                parent[v] = u
                depth[v] = depth[u] + 1
                stack.append(v)

    def distance(a, b):
        steps = 0
        while depth[a] > depth[b]:
            a = parent[a]
            steps += 1
        while depth[b] > depth[a]:
            b = parent[b]
            steps += 1
        while a != b:
            a = parent[a]
            b = parent[b]
            steps += 2
        return steps

    answer = [0] * n
    for a in range(n):
        for b in range(a + 1, n):
            d = distance(a, b)
            answer[a] += d
            answer[b] += d
    return answer
