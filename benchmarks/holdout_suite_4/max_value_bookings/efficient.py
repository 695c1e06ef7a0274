from bisect import bisect_right


def max_booking_value(bookings: list[list[int]]) -> int:
    # by end time; best[i] is the best value using the first i bookings, predecessor found by binary search
    order = sorted(bookings, key=lambda b: b[1])
    ends = [b[1] for b in order]
    best = [0] * (len(order) + 1)
    for i, (start, end, value) in enumerate(order):
        j = bisect_right(ends, start, 0, i)
        take = best[j] + value
        best[i + 1] = take if take > best[i] else best[i]
    return best[-1]
