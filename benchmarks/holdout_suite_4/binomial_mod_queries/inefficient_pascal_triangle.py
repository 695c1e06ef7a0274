MOD = 1_000_000_007


def binomials_mod(queries: list[list[int]]) -> list[int]:
    # builds Pascal's triangle row by row up to the largest n and reads the answers from it
    top = max((n for n, _ in queries), default=0)
    triangle = [[1]]
    for n in range(1, top + 1):
        previous = triangle[-1]
        row = [1]
        for r in range(1, n):
            row.append((previous[r - 1] + previous[r]) % MOD)
        row.append(1)
        triangle.append(row)
    answers = []
    for n, r in queries:
        answers.append(triangle[n][r] if 0 <= r <= n else 0)
    return answers
