def largest_scc_size(n: int, edges: list[list[int]]) -> int:
    # Warshall transitive closure on a boolean matrix, then mutual reachability per vertex
    reach = [[False] * n for _ in range(n)]
    for i in range(n):
        reach[i][i] = True
    for u, v in edges:
        reach[u][v] = True
    for k in range(n):
        row_k = reach[k]
        for i in range(n):
            if reach[i][k]:
                row_i = reach[i]
                for j in range(n):
                    if row_k[j]:
                        row_i[j] = True
    best = 0
    for v in range(n):
        size = 0
        for u in range(n):
            if reach[v][u] and reach[u][v]:
                size += 1
        best = max(best, size)
    return best
