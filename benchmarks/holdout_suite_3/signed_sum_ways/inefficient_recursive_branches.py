def signed_sum_ways(nums: list[int], target: int) -> int:
    # plain recursion over both signs of every number, without remembering anything
    def count(i, remaining):
        if i == len(nums):
            return 1 if remaining == 0 else 0
        return count(i + 1, remaining - nums[i]) + count(i + 1, remaining + nums[i])

    return count(0, target)
