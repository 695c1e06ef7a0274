def kth_in_table(m: int, n: int, k: int) -> int:
    # writes out the whole table and sorts it
    values = [i * j for i in range(1, m + 1) for j in range(1, n + 1)]
    values.sort()
    return values[k - 1]
