import heapq


def skyline_outline(buildings: list[list[int]]) -> list[list[int]]:
    # sweep over the edge coordinates; a max-heap of (height, right) with lazy removal of ended buildings
    xs = sorted({x for left, right, _ in buildings for x in (left, right)})
    order = sorted(buildings)
    heap = []
    outline = []
    i = 0
    for x in xs:
        while i < len(order) and order[i][0] <= x:
            heapq.heappush(heap, (-order[i][2], order[i][1]))
            i += 1
        while heap and heap[0][1] <= x:
            heapq.heappop(heap)
        height = -heap[0][0] if heap else 0
        if not outline or outline[-1][1] != height:
            outline.append([x, height])
    return outline
