def max_strings_within_budget(strs: list[str], zeros: int, ones: int) -> int:
    # fills a dictionary keyed by (strings considered, zeros left, ones left) for every state
    table = {}
    for z in range(zeros + 1):
        for o in range(ones + 1):
            table[(0, z, o)] = 0
    for k, s in enumerate(strs, start=1):
        cz, co = s.count("0"), s.count("1")
        for z in range(zeros + 1):
            for o in range(ones + 1):
                value = table[(k - 1, z, o)]
                if cz <= z and co <= o:
                    value = max(value, table[(k - 1, z - cz, o - co)] + 1)
                table[(k, z, o)] = value
    return table[(len(strs), zeros, ones)]
