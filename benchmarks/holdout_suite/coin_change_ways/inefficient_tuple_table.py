MOD = 1_000_000_007


def count_change_ways(coins: list[int], amount: int) -> int:
    # stores every (coin index, total) state in a dict keyed by tuples
    kinds = sorted(set(coins))
    table = {}
    for total in range(amount + 1):
        table[(0, total)] = 1 if total == 0 else 0
    for i, coin in enumerate(kinds, start=1):
        for total in range(amount + 1):
            value = table[(i - 1, total)]
            if total >= coin:
                value += table[(i, total - coin)]
            table[(i, total)] = value % MOD
    return table[(len(kinds), amount)]
