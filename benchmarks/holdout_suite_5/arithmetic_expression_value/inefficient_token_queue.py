def _tokenize(expr):
    tokens = []
    number = ""
    for ch in expr:
        if ch.isdigit():
            number += ch
        else:
            if number:
                tokens.append(int(number))
                number = ""
            if ch != " ":
                tokens.append(ch)
    if number:
        tokens.append(int(number))
    return tokens


def _expression(tokens):
    value = _term(tokens)
    while tokens and tokens[0] in ("+", "-"):
        op = tokens.pop(0)
        right = _term(tokens)
        value = value + right if op == "+" else value - right
    return value


def _term(tokens):
    value = _factor(tokens)
    while tokens and tokens[0] == "*":
        tokens.pop(0)
        value = value * _factor(tokens)
    return value


def _factor(tokens):
    token = tokens.pop(0)
    if token == "(":
        value = _expression(tokens)
        tokens.pop(0)  # the closing ')'
        return value
    return token


def evaluate_expression(expr: str) -> int:
    # recursive descent that consumes a token list from the front with pop(0)
    return _expression(_tokenize(expr))
