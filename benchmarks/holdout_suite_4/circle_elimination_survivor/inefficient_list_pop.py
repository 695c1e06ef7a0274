def last_survivor(n: int, k: int) -> int:
    # keeps the circle as a list and pops each eliminated person
    circle = list(range(1, n + 1))
    index = 0
    while len(circle) > 1:
        index = (index + k - 1) % len(circle)
        circle.pop(index)
    return circle[0]
