MOD = 1_000_000_007


def count_change_ways(coins: list[int], amount: int) -> int:
    ways = [0] * (amount + 1)
    ways[0] = 1
    for coin in set(coins):
        for total in range(coin, amount + 1):
            ways[total] = (ways[total] + ways[total - coin]) % MOD
    return ways[amount]
