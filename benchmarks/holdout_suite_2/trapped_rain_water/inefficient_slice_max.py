def trapped_water(heights: list[int]) -> int:
    # for every bar, finds the tallest bar on each side with max() over a fresh slice
    water = 0
    for i, h in enumerate(heights):
        level = min(max(heights[:i + 1]), max(heights[i:]))
        water += level - h
    return water
