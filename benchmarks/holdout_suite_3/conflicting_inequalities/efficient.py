def count_conflicts(n: int, equal_pairs: list[list[int]], unequal_pairs: list[list[int]]) -> int:
    parent = list(range(n))
    size = [1] * n

    def find(x):
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for a, b in equal_pairs:
        ra, rb = find(a), find(b)
        if ra != rb:
            if size[ra] < size[rb]:
                ra, rb = rb, ra
            parent[rb] = ra
            size[ra] += size[rb]
    return sum(1 for a, b in unequal_pairs if find(a) == find(b))
