def hours_needed(piles, speed):
    return sum(-(-p // speed) for p in piles)


def min_eating_speed(piles: list[int], hours: int) -> int:
    # starts at the largest pile, which always works, and slows down while the next slower speed still works
    speed = max(piles, default=1)
    while speed > 1 and hours_needed(piles, speed - 1) <= hours:
        speed -= 1
    return speed
