MOD = 1_000_000_007


def count_change_ways(coins: list[int], amount: int) -> int:
    # for every coin and total, sums over every possible number of copies of that coin
    ways = [0] * (amount + 1)
    ways[0] = 1
    for coin in set(coins):
        new_ways = [0] * (amount + 1)
        for total in range(amount + 1):
            s = 0
            used = 0
            while used <= total:
                s += ways[total - used]
                used += coin
            new_ways[total] = s % MOD
        ways = new_ways
    return ways[amount]
