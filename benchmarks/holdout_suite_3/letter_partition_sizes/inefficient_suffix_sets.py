def letter_partition_sizes(s: str) -> list[int]:
    # after every letter, intersects the letters of the current part with the letters of the whole rest of s
    sizes = []
    start = 0
    for i in range(len(s)):
        if not set(s[start:i + 1]) & set(s[i + 1:]):
            sizes.append(i + 1 - start)
            start = i + 1
    return sizes
