from collections import Counter


def letter_partition_sizes(s: str) -> list[int]:
    # counts the copies of each letter still ahead and re-checks every letter of the part after each step
    remaining = Counter(s)
    sizes = []
    part = []
    for ch in s:
        remaining[ch] -= 1
        part.append(ch)
        if all(remaining[c] == 0 for c in part):
            sizes.append(len(part))
            part = []
    return sizes
