def count_inversions(nums: list[int]) -> int:
    # compares every pair of positions: O(n^2)
    n = len(nums)
    count = 0
    for i in range(n):
        for j in range(i + 1, n):
            if nums[i] > nums[j]:
                count += 1
    return count
