from math import gcd


def largest_factor_group(nums: list[int]) -> int:
    # joins every pair of positions whose values have a common factor, found with gcd on all pairs
    n = len(nums)
    parent = list(range(n))

    def find(x):
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for i in range(n):
        for j in range(i + 1, n):
            if gcd(nums[i], nums[j]) > 1:
                ri, rj = find(i), find(j)
                if ri != rj:
                    parent[ri] = rj
    counts = {}
    for i in range(n):
        root = find(i)
        counts[root] = counts.get(root, 0) + 1
    return max(counts.values(), default=0)
