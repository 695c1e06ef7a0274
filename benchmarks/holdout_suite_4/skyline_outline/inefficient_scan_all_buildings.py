def skyline_outline(buildings: list[list[int]]) -> list[list[int]]:
    # at every edge coordinate, checks every building to find the tallest one covering it
    xs = sorted(set([b[0] for b in buildings] + [b[1] for b in buildings]))
    outline = []
    for x in xs:
        height = 0
        for left, right, h in buildings:
            if left <= x < right and h > height:
                height = h
        if not outline or outline[-1][1] != height:
            outline.append([x, height])
    return outline
