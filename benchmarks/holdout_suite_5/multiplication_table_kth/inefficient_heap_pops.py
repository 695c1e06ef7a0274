import heapq


def kth_in_table(m: int, n: int, k: int) -> int:
    # merges the sorted rows with a heap and pops k entries
    heap = [(i, i, 1) for i in range(1, m + 1)]  # (value, row, column)
    heapq.heapify(heap)
    value = 0
    for _ in range(k):
        value, row, col = heapq.heappop(heap)
        if col < n:
            heapq.heappush(heap, (row * (col + 1), row, col + 1))
    return value
