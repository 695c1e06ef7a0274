def trapped_water(heights: list[int]) -> int:
    # for every bar, walks left and right with while loops to find the tallest bar on each side
    n = len(heights)
    water = 0
    i = 0
    while i < n:
        left_max = 0
        j = i
        while j >= 0:
            if heights[j] > left_max:
                left_max = heights[j]
            j -= 1
        right_max = 0
        j = i
        while j < n:
            if heights[j] > right_max:
                right_max = heights[j]
            j += 1
        water += min(left_max, right_max) - heights[i]
        i += 1
    return water
