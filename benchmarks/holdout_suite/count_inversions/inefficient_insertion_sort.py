def count_inversions(nums: list[int]) -> int:
    # insertion sort on a copy, counting one inversion per element shifted: O(n + inversions) moves
    a = list(nums)
    count = 0
    for i in range(1, len(a)):
        value = a[i]
        j = i - 1
        while j >= 0 and a[j] > value:
            a[j + 1] = a[j]
            j -= 1
            count += 1
        a[j + 1] = value
    return count
