def ladder_length(begin: str, end: str, words: list[str]) -> int:
    # builds the whole "one letter apart" graph over all pairs, then runs BFS with a list as the queue
    if begin == end:
        return 1
    nodes = [begin]
    for w in words:
        if w not in nodes:
            nodes.append(w)
    if end not in nodes:
        return 0
    neighbours = {w: [] for w in nodes}
    for i in range(len(nodes)):
        for j in range(i + 1, len(nodes)):
            a, b = nodes[i], nodes[j]
            if sum(1 for x, y in zip(a, b) if x != y) == 1:
                neighbours[a].append(b)
                neighbours[b].append(a)
    queue = [(begin, 1)]
    seen = [begin]
    while queue:
        word, length = queue.pop(0)
        if word == end:
            return length
        for nxt in neighbours[word]:
            if nxt not in seen:
                seen.append(nxt)
                queue.append((nxt, length + 1))
    return 0
