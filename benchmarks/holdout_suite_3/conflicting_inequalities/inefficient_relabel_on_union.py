def count_conflicts(n: int, equal_pairs: list[list[int]], unequal_pairs: list[list[int]]) -> int:
    # keeps a group label per variable and relabels every variable of the absorbed group on each merge
    label = list(range(n))
    for a, b in equal_pairs:
        keep, drop = label[a], label[b]
        if keep != drop:
            for v in range(n):
                if label[v] == drop:
                    label[v] = keep
    conflicts = 0
    for a, b in unequal_pairs:
        if label[a] == label[b]:
            conflicts += 1
    return conflicts
