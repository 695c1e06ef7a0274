def is_prime(x):
    if x < 2:
        return False
    d = 2
    while d * d <= x:
        if x % d == 0:
            return False
        d += 1
    return True


def goldbach_counts(queries: list[int]) -> list[int]:
    # tests both halves of every split by trial division
    answers = []
    for q in queries:
        count = 0
        for p in range(2, q // 2 + 1):
            if is_prime(p) and is_prime(q - p):
                count += 1
        answers.append(count)
    return answers
