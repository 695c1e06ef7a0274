def mst_weight(n: int, edges: list[list[int]]) -> int:
    # Prim's algorithm that rescans the whole edge list for the cheapest edge leaving the tree at every step
    in_tree = [False] * n
    in_tree[0] = True
    total = 0
    for _ in range(n - 1):
        best = None
        for u, v, w in edges:
            if in_tree[u] != in_tree[v] and (best is None or w < best[2]):
                best = (u, v, w)
        if best is None:
            return -1
        in_tree[best[0]] = True
        in_tree[best[1]] = True
        total += best[2]
    return total
