def last_survivor(n: int, k: int) -> int:
    # Josephus recurrence: survivor index among i people from the survivor among i - 1
    position = 0
    for people in range(2, n + 1):
        position = (position + k) % people
    return position + 1
