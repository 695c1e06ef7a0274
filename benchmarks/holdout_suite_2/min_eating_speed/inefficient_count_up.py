import math


def min_eating_speed(piles: list[int], hours: int) -> int:
    # tries the speeds 1, 2, 3, ... until one is fast enough
    speed = 1
    while True:
        needed = 0
        for p in piles:
            needed += math.ceil(p / speed)
        if needed <= hours:
            return speed
        speed += 1
