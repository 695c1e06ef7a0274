def mst_weight(n: int, edges: list[list[int]]) -> int:
    # Kruskal's order, but each edge is tested with a depth-first search through the forest built so far
    forest = [[] for _ in range(n)]

    def connected(a, b):
        seen = {a}
        stack = [a]
        while stack:
            x = stack.pop()
            if x == b:
                return True
            for y in forest[x]:
                if y not in seen:
                    seen.add(y)
                    stack.append(y)
        return False

    total = 0
    taken = 0
    for u, v, w in sorted(edges, key=lambda e: e[2]):
        if taken == n - 1:
            break
        if not connected(u, v):
            forest[u].append(v)
            forest[v].append(u)
            total += w
            taken += 1
    return total if taken == n - 1 else -1
