def first_cycle_edge(n: int, edges: list[list[int]]) -> list[int]:
    # before adding each edge, a depth-first search checks whether its ends are already connected
    adj = [[] for _ in range(n)]
    for u, v in edges:
        seen = [False] * n
        stack = [u]
        seen[u] = True
        connected = False
        while stack:
            x = stack.pop()
            if x == v:
                connected = True
                break
            for y in adj[x]:
                if not seen[y]:
                    seen[y] = True
                    stack.append(y)
        if connected:
            return [u, v]
        adj[u].append(v)
        adj[v].append(u)
    return []
