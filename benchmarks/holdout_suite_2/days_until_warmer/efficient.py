def days_until_warmer(temps: list[int]) -> list[int]:
    answer = [0] * len(temps)
    waiting = []  # indices still waiting for a warmer day, their temperatures non-increasing
    for i, t in enumerate(temps):
        while waiting and temps[waiting[-1]] < t:
            j = waiting.pop()
            answer[j] = i - j
        waiting.append(i)
    return answer
