def max_booking_value(bookings: list[list[int]]) -> int:
    # ending_with[i]: best total whose last booking is i, taken over every compatible earlier booking
    order = sorted(bookings, key=lambda b: b[1])
    ending_with = []
    for i in range(len(order)):
        start, end, value = order[i]
        previous = [ending_with[j] for j in range(i) if order[j][1] <= start]
        ending_with.append(value + (max(previous) if previous else 0))
    return max(ending_with, default=0)
