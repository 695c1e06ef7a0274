def count_equal_three_splits(nums: list[int]) -> int:
    # checks every pair of cut positions against prefix sums
    n = len(nums)
    prefix = [0]
    for x in nums:
        prefix.append(prefix[-1] + x)
    total = prefix[n]
    ways = 0
    for i in range(1, n - 1):
        for j in range(i + 1, n):
            left = prefix[i]
            middle = prefix[j] - prefix[i]
            right = total - prefix[j]
            if left == middle and middle == right:
                ways += 1
    return ways
