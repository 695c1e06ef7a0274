def _primes_upto(limit):
    sieve = bytearray([1]) * (limit + 1)
    sieve[0:2] = b"\x00\x00"
    for p in range(2, int(limit ** 0.5) + 1):
        if sieve[p]:
            sieve[p * p::p] = bytearray(len(range(p * p, limit + 1, p)))
    return [p for p in range(limit + 1) if sieve[p]]


_SMALL_PRIMES = _primes_upto(320)  # enough to factor any value up to 10^5 by trial division


def largest_factor_group(nums: list[int]) -> int:
    n = len(nums)
    parent = list(range(n))
    size = [1] * n

    def find(x):
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    def union(a, b):
        ra, rb = find(a), find(b)
        if ra != rb:
            if size[ra] < size[rb]:
                ra, rb = rb, ra
            parent[rb] = ra
            size[ra] += size[rb]

    owner = {}  # prime -> first index whose value it divides
    for i, value in enumerate(nums):
        rest = value
        for p in _SMALL_PRIMES:
            if p * p > rest:
                break
            if rest % p == 0:
                while rest % p == 0:
                    rest //= p
                if p in owner:
                    union(owner[p], i)
                else:
                    owner[p] = i
        if rest > 1:
            if rest in owner:
                union(owner[rest], i)
            else:
                owner[rest] = i
    return max((size[i] for i in range(n) if parent[i] == i), default=0)
