MOD = 1_000_000_007


def count_permutations_with_inversions(n: int, k: int) -> int:
    # for every count j, adds up the previous row over all 0..i-1 new inversions one term at a time
    ways = [0] * (k + 1)
    ways[0] = 1
    for i in range(2, n + 1):
        new = [0] * (k + 1)
        for j in range(k + 1):
            total = 0
            for extra in range(min(j, i - 1) + 1):
                total += ways[j - extra]
            new[j] = total % MOD
        ways = new
    return ways[k]
