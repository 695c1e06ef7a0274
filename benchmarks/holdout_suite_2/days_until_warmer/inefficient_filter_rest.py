def days_until_warmer(temps: list[int]) -> list[int]:
    # lists every later warmer day for each day and keeps only the first one
    n = len(temps)
    answer = []
    for i in range(n):
        warmer = [j for j in range(i + 1, n) if temps[j] > temps[i]]
        answer.append(warmer[0] - i if warmer else 0)
    return answer
