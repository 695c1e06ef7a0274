def distance_sums(n: int, edges: list[list[int]]) -> list[int]:
    adj = [[] for _ in range(n)]
    for u, v in edges:
        adj[u].append(v)
        adj[v].append(u)
    parent = [-1] * n
    order = [0]
    parent[0] = 0
    for u in order:  # BFS order from node 0; the list grows while it is walked
        for v in adj[u]:
            if parent[v] == -1:
                parent[v] = u
                order.append(v)
    size = [1] * n
    down = [0] * n  # sum of distances from a node to the nodes of its own subtree
    for u in reversed(order[1:]):
        p = parent[u]
        size[p] += size[u]
        down[p] += down[u] + size[u]
    answer = [0] * n
    answer[0] = down[0]
    for u in order[1:]:
        # moving the root from parent to u brings size[u] nodes one closer and the rest one farther
        answer[u] = answer[parent[u]] - size[u] + (n - size[u])
    return answer
