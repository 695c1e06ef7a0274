def skyline_outline(buildings: list[list[int]]) -> list[list[int]]:
    # paints the height of every unit column, then reads the changes off left to right
    if not buildings:
        return []
    lo = min(b[0] for b in buildings)
    hi = max(b[1] for b in buildings)
    column = [0] * (hi - lo)
    for left, right, h in buildings:
        for x in range(left, right):
            if column[x - lo] < h:
                column[x - lo] = h
    outline = []
    previous = 0
    for offset, h in enumerate(column):
        if h != previous:
            outline.append([lo + offset, h])
            previous = h
    outline.append([hi, 0])
    return outline
