import heapq


def running_medians(nums: list[int]) -> list[int]:
    low = []   # max-heap (negated) holding the smaller half, possibly one extra element
    high = []  # min-heap holding the larger half
    medians = []
    for x in nums:
        if low and x > -low[0]:
            heapq.heappush(high, x)
        else:
            heapq.heappush(low, -x)
        if len(low) > len(high) + 1:
            heapq.heappush(high, -heapq.heappop(low))
        elif len(high) > len(low):
            heapq.heappush(low, -heapq.heappop(high))
        medians.append(-low[0])
    return medians
