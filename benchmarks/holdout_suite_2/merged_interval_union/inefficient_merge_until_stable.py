def merge_intervals(intervals: list[list[int]]) -> list[list[int]]:
    # looks for any overlapping pair, merges it, and starts the search over until no pair overlaps
    pieces = [list(iv) for iv in intervals]
    found = True
    while found:
        found = False
        for i in range(len(pieces)):
            for j in range(i + 1, len(pieces)):
                a, b = pieces[i], pieces[j]
                if a[0] <= b[1] and b[0] <= a[1]:
                    pieces[i] = [min(a[0], b[0]), max(a[1], b[1])]
                    del pieces[j]
                    found = True
                    break
            if found:
                break
    pieces.sort()
    return pieces
