def min_boats(weights: list[int], limit: int) -> int:
    # finds the heaviest and the lightest remaining person with explicit scans for every boat
    remaining = list(weights)
    boats = 0
    while remaining:
        heaviest = 0
        for i in range(1, len(remaining)):
            if remaining[i] > remaining[heaviest]:
                heaviest = i
        big = remaining.pop(heaviest)
        if remaining:
            lightest = 0
            for i in range(1, len(remaining)):
                if remaining[i] < remaining[lightest]:
                    lightest = i
            if remaining[lightest] + big <= limit:
                remaining.pop(lightest)
        boats += 1
    return boats
