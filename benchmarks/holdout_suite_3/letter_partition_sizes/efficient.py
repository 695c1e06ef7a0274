def letter_partition_sizes(s: str) -> list[int]:
    last = {ch: i for i, ch in enumerate(s)}
    sizes = []
    start = end = 0
    for i, ch in enumerate(s):
        if last[ch] > end:
            end = last[ch]
        if i == end:
            sizes.append(end - start + 1)
            start = i + 1
    return sizes
