def tree_diameter(n: int, edges: list[list[int]]) -> int:
    # breadth-first search from every node, with a plain list as the queue and a list of visited nodes
    neighbours = [[] for _ in range(n)]
    for u, v in edges:
        neighbours[u].append(v)
        neighbours[v].append(u)
    best = 0
    for source in range(n):
        visited = [source]
        queue = [(source, 0)]
        while queue:
            node, d = queue.pop(0)
            if d > best:
                best = d
            for nxt in neighbours[node]:
                if nxt not in visited:
                    visited.append(nxt)
                    queue.append((nxt, d + 1))
    return best
