def smallest_after_removals(digits: str, k: int) -> str:
    stack = []
    for d in digits:
        while k and stack and stack[-1] > d:
            stack.pop()
            k -= 1
        stack.append(d)
    if k:
        del stack[-k:]
    return "".join(stack).lstrip("0") or "0"
