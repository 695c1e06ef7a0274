def max_booking_value(bookings: list[list[int]]) -> int:
    # by end time; walks backwards to the latest booking that ends before the current one starts
    order = sorted(bookings, key=lambda b: b[1])
    best = [0] * (len(order) + 1)
    for i in range(len(order)):
        start, end, value = order[i]
        j = i
        while j > 0 and order[j - 1][1] > start:
            j -= 1
        best[i + 1] = max(best[i], best[j] + value)
    return best[-1]
