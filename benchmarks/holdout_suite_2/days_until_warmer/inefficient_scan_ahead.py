def days_until_warmer(temps: list[int]) -> list[int]:
    # walks forward from every day until it meets a warmer one: quadratic when warm days are rare
    n = len(temps)
    answer = []
    for i in range(n):
        j = i + 1
        while j < n and temps[j] <= temps[i]:
            j += 1
        answer.append(j - i if j < n else 0)
    return answer
