def trailing_zeros_in_base(n: int, base: int) -> int:
    # builds n! exactly and divides by the base while it divides evenly
    f = 1
    for i in range(2, n + 1):
        f *= i
    zeros = 0
    while f % base == 0:
        f //= base
        zeros += 1
    return zeros
