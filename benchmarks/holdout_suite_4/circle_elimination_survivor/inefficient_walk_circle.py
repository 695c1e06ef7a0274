def last_survivor(n: int, k: int) -> int:
    # walks around the circle one seat at a time, counting only people still standing
    alive = [True] * n
    remaining = n
    seat = -1
    while remaining > 1:
        counted = 0
        while counted < k:
            seat = (seat + 1) % n
            if alive[seat]:
                counted += 1
        alive[seat] = False
        remaining -= 1
    return alive.index(True) + 1
