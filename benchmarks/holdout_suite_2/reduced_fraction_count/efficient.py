def count_reduced_fractions(n: int) -> int:
    if n < 2:
        return 0
    phi = list(range(n + 1))
    for p in range(2, n + 1):
        if phi[p] == p:  # p is prime: no smaller prime has touched it
            for multiple in range(p, n + 1, p):
                phi[multiple] -= phi[multiple] // p
    return sum(phi[2:])
