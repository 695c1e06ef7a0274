def _prime_factors(value):
    factors = set()
    d = 2
    while d * d <= value:
        while value % d == 0:
            factors.add(d)
            value //= d
        d += 1
    if value > 1:
        factors.add(value)
    return factors


def largest_factor_group(nums: list[int]) -> int:
    # keeps a list of groups with the set of primes they use; each number merges every group it shares a prime with
    groups = []  # [set of primes, number of members]
    for value in nums:
        factors = _prime_factors(value)
        members = 1
        keep = []
        for group in groups:
            if group[0] & factors:
                factors |= group[0]
                members += group[1]
            else:
                keep.append(group)
        keep.append([factors, members])
        groups = keep
    return max((g[1] for g in groups), default=0)
