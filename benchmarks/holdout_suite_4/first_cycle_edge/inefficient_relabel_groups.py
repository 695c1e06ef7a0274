def first_cycle_edge(n: int, edges: list[list[int]]) -> list[int]:
    # every vertex carries a group label; joining two groups relabels one of them by a full pass
    label = list(range(n))
    for u, v in edges:
        if label[u] == label[v]:
            return [u, v]
        old, new = label[v], label[u]
        for i in range(n):
            if label[i] == old:
                label[i] = new
    return []
