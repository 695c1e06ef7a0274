from collections import deque


def one_apart(a, b):
    differences = 0
    for x, y in zip(a, b):
        if x != y:
            differences += 1
            if differences > 1:
                return False
    return differences == 1


def ladder_length(begin: str, end: str, words: list[str]) -> int:
    # BFS that compares each dequeued word with every word not reached yet
    if begin == end:
        return 1
    if end not in words:
        return 0
    unvisited = [w for w in dict.fromkeys(words) if w != begin]
    queue = deque([(begin, 1)])
    while queue:
        word, length = queue.popleft()
        remaining = []
        for candidate in unvisited:
            if one_apart(word, candidate):
                if candidate == end:
                    return length + 1
                queue.append((candidate, length + 1))
            else:
                remaining.append(candidate)
        unvisited = remaining
    return 0
