MOD = 1_000_000_007


def count_permutations_with_inversions(n: int, k: int) -> int:
    # ways[j]: permutations of the first i values with j inversions; value i adds 0..i-1 new inversions
    ways = [1] + [0] * k
    for i in range(2, n + 1):
        new = [0] * (k + 1)
        window = 0
        for j in range(k + 1):
            window += ways[j]
            if j >= i:
                window -= ways[j - i]
            new[j] = window % MOD
        ways = new
    return ways[k]
