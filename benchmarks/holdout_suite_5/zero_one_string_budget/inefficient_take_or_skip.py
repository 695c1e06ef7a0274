def max_strings_within_budget(strs: list[str], zeros: int, ones: int) -> int:
    # plain recursion: every string is either taken (if it still fits) or skipped, without memoisation
    costs = [(s.count("0"), s.count("1")) for s in strs]

    def most(index, zeros_left, ones_left):
        if index == len(costs):
            return 0
        skip = most(index + 1, zeros_left, ones_left)
        z, o = costs[index]
        if z <= zeros_left and o <= ones_left:
            take = 1 + most(index + 1, zeros_left - z, ones_left - o)
            return max(skip, take)
        return skip

    return most(0, zeros, ones)
