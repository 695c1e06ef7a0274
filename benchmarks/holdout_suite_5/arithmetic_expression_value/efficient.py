def evaluate_expression(expr: str) -> int:
    outer = []      # saved (terms, op) of the enclosing parenthesis levels
    terms = []      # signed terms of the current level; products are folded in as they come
    op = "+"
    num = 0
    for ch in expr + "+":
        if ch.isdigit():
            num = num * 10 + (ord(ch) - 48)
        elif ch == "(":
            outer.append((terms, op))
            terms, op = [], "+"
            num = 0
        elif ch in "+-*)":
            if op == "+":
                terms.append(num)
            elif op == "-":
                terms.append(-num)
            else:
                terms.append(terms.pop() * num)
            if ch == ")":
                num = sum(terms)
                terms, op = outer.pop()
            else:
                op = ch
                num = 0
    return sum(terms)
