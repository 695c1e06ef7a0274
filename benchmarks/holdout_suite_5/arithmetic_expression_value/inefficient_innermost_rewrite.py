def _eval_flat(text: str) -> int:
    # evaluates an expression without parentheses; a '-' right after an operator is a sign
    tokens = []
    i = 0
    while i < len(text):
        ch = text[i]
        if ch == " ":
            i += 1
        elif ch.isdigit() or (ch == "-" and (not tokens or tokens[-1] in ("+", "-", "*"))):
            j = i + 1
            while j < len(text) and text[j].isdigit():
                j += 1
            tokens.append(int(text[i:j]))
            i = j
        else:
            tokens.append(ch)
            i += 1
    terms = [tokens[0]]
    k = 1
    while k < len(tokens):
        op, value = tokens[k], tokens[k + 1]
        if op == "*":
            terms[-1] = terms[-1] * value
        elif op == "+":
            terms.append(value)
        else:
            terms.append(-value)
        k += 2
    return sum(terms)


def evaluate_expression(expr: str) -> int:
    # repeatedly evaluates the innermost parenthesised part and splices its value back into the string
    text = expr
    while "(" in text:
        start = text.rfind("(")
        end = text.index(")", start)
        text = text[:start] + str(_eval_flat(text[start + 1:end])) + text[end + 1:]
    return _eval_flat(text)
