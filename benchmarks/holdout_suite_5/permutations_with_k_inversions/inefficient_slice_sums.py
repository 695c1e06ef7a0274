MOD = 1_000_000_007


def count_permutations_with_inversions(n: int, k: int) -> int:
    # takes the sum of a fresh slice of the previous row for every count
    ways = [1] + [0] * k
    for i in range(2, n + 1):
        ways = [sum(ways[max(0, j - i + 1):j + 1]) % MOD for j in range(k + 1)]
    return ways[k]
