from collections import defaultdict, deque


def ladder_length(begin: str, end: str, words: list[str]) -> int:
    if begin == end:
        return 1
    word_set = set(words)
    if end not in word_set:
        return 0
    # words that differ in exactly one position share a pattern with that position blanked out
    buckets = defaultdict(list)
    for word in word_set:
        for i in range(len(word)):
            buckets[word[:i] + "*" + word[i + 1:]].append(word)
    dist = {begin: 1}
    queue = deque([begin])
    while queue:
        word = queue.popleft()
        for i in range(len(word)):
            pattern = word[:i] + "*" + word[i + 1:]
            for nxt in buckets.pop(pattern, ()):
                if nxt not in dist:
                    dist[nxt] = dist[word] + 1
                    if nxt == end:
                        return dist[nxt]
                    queue.append(nxt)
    return 0
