"""The static cost model orders codes by the work their shape implies: each case is a pair whose order (and, where
it matters, the size of the gap) follows from CPython's execution, checked here at several input sizes."""

from __future__ import annotations

import math

import pytest

from effilab.models.cost_model import COST_FEATURE_NAMES, cost_features, estimated_cost

FOR_SUM = """def f(xs):
    total = 0
    for i in range(len(xs)):
        total += xs[i]
    return total
"""
WHILE_SUM = """def f(xs):
    total = 0
    i = 0
    while i < len(xs):
        total += xs[i]
        i += 1
    return total
"""
TWO_POINTER_WINDOW = """def f(xs, d):
    xs = sorted(xs)
    left = total = 0
    for right, v in enumerate(xs):
        while v - xs[left] > d:
            left += 1
        total += right - left
    return total
"""
RESCAN_WINDOW = """def f(xs, d):
    xs = sorted(xs)
    total = 0
    for right, v in enumerate(xs):
        left = 0
        while v - xs[left] > d:
            left += 1
        total += right - left
    return total
"""
MEMO = """from functools import lru_cache
def f(n):
    @lru_cache(maxsize=None)
    def g(k):
        return k if k < 2 else g(k - 1) + g(k - 2)
    return g(n)
"""
NAIVE = MEMO.replace("    @lru_cache(maxsize=None)\n", "")
KEY_SORT = """def f(xs):
    return sorted(xs, key=lambda x: x % 7)
"""
CMP_SORT = """from functools import cmp_to_key
def f(xs):
    def compare(a, b):
        da = sum(int(c) for c in str(a))
        db = sum(int(c) for c in str(b))
        return da - db
    return sorted(xs, key=cmp_to_key(compare))
"""
FENWICK = """def f(xs):
    tree = [0] * (len(xs) + 1)
    total = 0
    for x in xs:
        i = x
        while i > 0:
            total += tree[i]
            i &= i - 1
    return total
"""
LINEAR_SCAN_INSIDE = """def f(xs):
    total = 0
    for x in xs:
        i = x
        while i > 0:
            total += 1
            i -= 1
    return total
"""
MEMBERSHIP_LIST = """def f(xs, ys):
    ys = list(ys)
    return sum(1 for x in xs if x in ys)
"""
MEMBERSHIP_SET = """def f(xs, ys):
    ys = set(ys)
    return sum(1 for x in xs if x in ys)
"""
UNION_FIND = """def f(n, edges):
    parent = list(range(n))
    for u, v in edges:
        while parent[u] != u:
            u = parent[u]
        parent[u] = v
    return parent
"""

MERGE_SORT = """def f(a):
    if len(a) <= 1:
        return a
    mid = len(a) // 2
    left, right = f(a[:mid]), f(a[mid:])
    out = []
    i = j = 0
    while i < len(left) and j < len(right):
        if left[i] <= right[j]:
            out.append(left[i])
            i += 1
        else:
            out.append(right[j])
            j += 1
    return out + left[i:] + right[j:]
"""
INSERTION_SORT = """def f(a):
    a = list(a)
    for i in range(1, len(a)):
        j = i
        while j > 0 and a[j - 1] > a[j]:
            a[j - 1], a[j] = a[j], a[j - 1]
            j -= 1
    return a
"""
ROOT_BOUND = """import math
def f(n):
    root = math.isqrt(n)
    return sum(2 for d in range(1, root + 1) if n % d == 0)
"""
FULL_SCAN = """def f(n):
    return sum(1 for d in range(1, n + 1) if n % d == 0)
"""
EXPAND_CENTRES = """def f(s):
    n = len(s)
    best = 0
    for centre in range(2 * n - 1):
        left = centre // 2
        right = left + centre % 2
        while left >= 0 and right < n and s[left] == s[right]:
            left -= 1
            right += 1
        best = max(best, right - left - 1)
    return best
"""
PALINDROME_TABLE = """def f(s):
    n = len(s)
    pal = [[False] * n for _ in range(n)]
    best = 0
    for i in range(n - 1, -1, -1):
        for j in range(i, n):
            if s[i] == s[j] and (j - i < 2 or pal[i + 1][j - 1]):
                pal[i][j] = True
                best = max(best, j - i + 1)
    return best
"""
COMPONENTS_MARKED_ONCE = """def f(n, adj):
    seen = [False] * n
    count = 0
    for start in range(n):
        if seen[start]:
            continue
        count += 1
        seen[start] = True
        stack = [start]
        while stack:
            u = stack.pop()
            for v in adj[u]:
                if not seen[v]:
                    seen[v] = True
                    stack.append(v)
    return count
"""
NODE_PAIRS = """def f(n, adj):
    count = 0
    for u in range(n):
        for v in range(n):
            count += u < v and v in adj[u]
    return count
"""
BIT_COLUMNS = """def f(xs):
    top = max(xs).bit_length()
    return sum(sum((x >> b) & 1 for x in xs) for b in range(top))
"""
VALUE_COLUMNS = """def f(xs):
    top = max(xs)
    return sum(sum(x >= b for x in xs) for b in range(top))
"""
HASH_BUCKETS = """def f(xs, k):
    buckets = {}
    found = 0
    for i, x in enumerate(xs):
        same = buckets.get(x % k)
        if same is None:
            buckets[x % k] = [i]
            continue
        for j in same:
            found += xs[j] == x
        same.append(i)
    return found
"""
ALL_EARLIER = """def f(xs, k):
    found = 0
    for i, x in enumerate(xs):
        for j in range(i):
            found += xs[j] == x
    return found
"""
SCAN_TO_WARMER = """def f(t):
    n = len(t)
    out = []
    for i in range(n):
        j = i + 1
        while j < n and t[j] <= t[i]:
            j += 1
        out.append(j - i if j < n else 0)
    return out
"""
LIST_ALL_WARMER = """def f(t):
    n = len(t)
    out = []
    for i in range(n):
        later = [j for j in range(i + 1, n) if t[j] > t[i]]
        out.append(later[0] - i if later else 0)
    return out
"""
# the same walk, but it shifts the elements it compares (insertion sort): it walks far, and must cost more
SHIFTING_WALK = SCAN_TO_WARMER.replace("            j += 1\n",
                                       "            t[j - 1], t[j] = t[j], t[j - 1]\n            j += 1\n")
TRIAL_DIVISION = """def f(qs):
    out = []
    for q in qs:
        d = 1
        count = 0
        while d * d <= q:
            if q % d == 0:
                count += 2
            d += 1
        out.append(count)
    return out
"""
BISECTED_ROOT = """def f(qs):
    out = []
    for q in qs:
        lo, hi = 0, q
        while lo < hi:
            mid = (lo + hi + 1) // 2
            if mid * mid <= q:
                lo = mid
            else:
                hi = mid - 1
        out.append(lo)
    return out
"""
HARMONIC_SIEVE = """def f(n):
    phi = list(range(n + 1))
    for p in range(2, n + 1):
        if phi[p] == p:
            for m in range(p, n + 1, p):
                phi[m] -= phi[m] // p
    return sum(phi)
"""
TOTIENT_EACH = """def f(n):
    total = 0
    for q in range(2, n + 1):
        d = 1
        while d * d <= q:
            total += q % d == 0
            d += 1
    return total
"""
LEVEL_BY_LEVEL = """def f(n, after):
    indegree = [0] * n
    for u in range(n):
        for v in after[u]:
            indegree[v] += 1
    current = [u for u in range(n) if indegree[u] == 0]
    levels = 0
    while current:
        levels += 1
        following = []
        for u in current:
            for v in after[u]:
                indegree[v] -= 1
                if indegree[v] == 0:
                    following.append(v)
        current = following
    return levels
"""
RESCAN_BLOCKED = """def f(n, edges):
    done = set()
    levels = 0
    while len(done) < n:
        blocked = {v for u, v in edges if u not in done}
        ready = [v for v in range(n) if v not in done and v not in blocked]
        if not ready:
            return -1
        done.update(ready)
        levels += 1
    return levels
"""
JUMP_SPANS = """def f(jumps):
    n = len(jumps)
    best = [-1] * n
    best[0] = 0
    for i in range(n):
        if best[i] < 0:
            continue
        for j in range(i + 1, min(n, i + jumps[i] + 1)):
            if best[j] < 0 or best[i] + 1 < best[j]:
                best[j] = best[i] + 1
    return best[-1]
"""
ALL_EARLIER_JUMPS = """def f(jumps):
    n = len(jumps)
    best = [0] + [n] * (n - 1)
    for j in range(1, n):
        options = [best[i] for i in range(j) if i + jumps[i] >= j]
        if options:
            best[j] = min(options) + 1
    return best[-1]
"""
EXPAND_WHILE_TALLER = """def f(h):
    n = len(h)
    best = 0
    for i in range(n):
        low = h[i]
        left = i
        while left > 0 and h[left - 1] >= low:
            left -= 1
        right = i
        while right < n - 1 and h[right + 1] >= low:
            right += 1
        best = max(best, low * (right - left + 1))
    return best
"""
EVERY_RANGE = """def f(h):
    n = len(h)
    best = 0
    for i in range(n):
        low = h[i]
        for j in range(i, n):
            low = min(low, h[j])
            best = max(best, low * (j - i + 1))
    return best
"""
SIGN_RECURSION = """def f(nums, target):
    def count(i, rest):
        if i == len(nums):
            return rest == 0
        return count(i + 1, rest - nums[i]) + count(i + 1, rest + nums[i])
    return count(0, target)
"""
SIGN_VECTORS = """from itertools import product
def f(nums, target):
    return sum(sum(s * x for s, x in zip(signs, nums)) == target for signs in product((1, -1), repeat=len(nums)))
"""
PAIR_LOOP_MAX = """def f(xs):
    best = 0
    for i in range(len(xs)):
        for j in range(i + 1, len(xs)):
            best = max(best, xs[i] ^ xs[j])
    return best
"""
SORTED_PAIR_VALUES = """from itertools import combinations
def f(xs):
    return sorted(a ^ b for a, b in combinations(xs, 2))[-1]
"""
SORTED_PAIR_LIST = """def f(xs):
    gaps = [xs[i] ^ xs[j] for i in range(len(xs)) for j in range(i + 1, len(xs))]
    gaps.sort()
    return gaps[-1]
"""
SPLIT_BOUNDS = """def f(w):
    n = len(w)
    cost = [[0] * n for _ in range(n)]
    split = [[i] * n for i in range(n)]
    for length in range(2, n + 1):
        for i in range(n - length + 1):
            j = i + length - 1
            lo = split[i][j - 1]
            hi = min(split[i + 1][j], j - 1)
            best, best_k = None, lo
            for k in range(lo, hi + 1):
                c = cost[i][k] + cost[k + 1][j]
                if best is None or c < best:
                    best, best_k = c, k
            cost[i][j] = best + sum(w[i:j + 1])
            split[i][j] = best_k
    return cost[0][n - 1]
"""
EVERY_SPLIT = """def f(w):
    n = len(w)
    cost = [[0] * n for _ in range(n)]
    for length in range(2, n + 1):
        for i in range(n - length + 1):
            j = i + length - 1
            cost[i][j] = min(cost[i][k] + cost[k + 1][j] for k in range(i, j)) + sum(w[i:j + 1])
    return cost[0][n - 1]
"""
ENDPOINTS = """def f(pairs):
    return sorted({x for a, b in pairs for x in (a, b)})
"""
PRODUCT_MOD = """def f(n):
    p = 1
    for i in range(2, n + 1):
        p = p * i % 1000000007
    return p
"""
PRODUCT_BIG = """def f(n):
    p = 1
    for i in range(2, n + 1):
        p *= i
    return p % 1000000007
"""
WALK_BACK = """def f(items):
    order = sorted(items)
    best = [0] * (len(order) + 1)
    for i in range(len(order)):
        start, end, value = order[i]
        j = i
        while j > 0 and order[j - 1][1] > start:
            j -= 1
        best[i + 1] = max(best[i], best[j] + value)
    return best[-1]
"""
EVERY_EARLIER = """def f(items):
    order = sorted(items)
    best = []
    for i in range(len(order)):
        start, end, value = order[i]
        earlier = [best[j] for j in range(i) if order[j][1] <= start]
        best.append(value + max(earlier, default=0))
    return max(best, default=0)
"""
SEGMENT_TREE = """def f(n, updates):
    tree = [0] * (4 * n)

    def add(node, lo, hi, i, v):
        if hi - lo == 1:
            tree[node] += v
            return
        mid = (lo + hi) // 2
        if i < mid:
            add(2 * node, lo, mid, i, v)
        else:
            add(2 * node + 1, mid, hi, i, v)
        tree[node] = tree[2 * node] + tree[2 * node + 1]

    for i, v in updates:
        add(1, 0, n, i, v)
    return tree[1]
"""

# (cheaper, dearer): the first must be estimated strictly cheaper at every size
PAIRS = {
    "for beats the same loop as while": (FOR_SUM, WHILE_SUM),
    "a pointer kept across passes beats one reset every pass": (TWO_POINTER_WINDOW, RESCAN_WINDOW),
    "memoised recursion beats the naive exponential one": (MEMO, NAIVE),
    "a cheap key beats a comparison function that re-derives both sides": (KEY_SORT, CMP_SORT),
    "Fenwick bit steps beat a linear countdown": (FENWICK, LINEAR_SCAN_INSIDE),
    "a set lookup beats a list scan": (MEMBERSHIP_SET, MEMBERSHIP_LIST),
    "a walk up a parent table beats a linear countdown": (UNION_FIND.replace("n, edges", "xs").replace(
        "list(range(n))", "list(range(len(xs)))").replace("for u, v in edges", "for u, v in xs"),
        LINEAR_SCAN_INSIDE),
    "divide and conquer on slices beats a quadratic sort": (MERGE_SORT, INSERTION_SORT),
    "a loop bounded by a name holding a square root beats a full scan": (ROOT_BOUND, FULL_SCAN),
    "expanding while two characters match beats filling the whole table": (EXPAND_CENTRES, PALINDROME_TABLE),
    "searches from every unseen node, sharing one `seen`, beat a loop over all node pairs": (
        COMPONENTS_MARKED_ONCE, NODE_PAIRS),
    "a loop over the bits of the largest value beats one over the value": (BIT_COLUMNS, VALUE_COLUMNS),
    "scanning one hash bucket beats scanning every earlier element": (HASH_BUCKETS, ALL_EARLIER),
    "walking to the first larger element beats listing all larger ones": (SCAN_TO_WARMER, LIST_ALL_WARMER),
    "bisecting for a square root beats counting up to it": (BISECTED_ROOT, TRIAL_DIVISION),
    "stepping through multiples (a harmonic sum) beats trial division of each": (HARMONIC_SIEVE, TOTIENT_EACH),
    "a level-by-level walk passes each item once; rescanning every edge per level does not": (LEVEL_BY_LEVEL,
                                                                                             RESCAN_BLOCKED),
    "spans read from the data beat scanning every earlier index": (JUMP_SPANS, ALL_EARLIER_JUMPS),
    "walking out while bars are taller than a held bar beats every range": (EXPAND_WHILE_TALLER, EVERY_RANGE),
    "branching recursion beats building every sign vector and summing it": (SIGN_RECURSION, SIGN_VECTORS),
    "a pair loop beats sorting the values of every pair": (PAIR_LOOP_MAX, SORTED_PAIR_VALUES),
    "... and sorting a list of them in place": (PAIR_LOOP_MAX, SORTED_PAIR_LIST),
    "split points bounded by values from a table beat trying every split": (SPLIT_BOUNDS, EVERY_SPLIT),
    "a loop over a display of two names makes two items per element, not n": (ENDPOINTS, PAIR_LOOP_MAX),
    "a product reduced modulo a prime beats a big integer growing limb by limb": (PRODUCT_MOD, PRODUCT_BIG),
    "walking back past a field unpacked from the element beats every earlier one": (WALK_BACK, EVERY_EARLIER),
}


def growth(code: str, n: float = 1000.0) -> float:
    """How much the estimate grows when n grows tenfold (about 10 for linear work, 100 for quadratic)."""
    return estimated_cost(code, 10 * n) / estimated_cost(code, n)


@pytest.mark.parametrize("name", list(PAIRS))
@pytest.mark.parametrize("n", [100, 1000, 100000])
def test_cheaper_shape_is_estimated_cheaper(name, n):
    cheap, dear = PAIRS[name]
    assert estimated_cost(cheap, n) < estimated_cost(dear, n)


def test_growth_follows_complexity():
    """Quadratic rescans grow about 100x when n grows 10x; the amortised window about 10x."""
    assert 80 < growth(RESCAN_WINDOW) < 120
    assert 8 < growth(TWO_POINTER_WINDOW) < 16  # n log n for the sort, n for the window


def test_the_entry_point_is_priced_with_its_helpers():
    helper = "def helper(xs):\n    return sorted(xs)\n\ndef main(xs):\n    return [helper(xs) for _ in xs]\n"
    assert estimated_cost(helper, 1000, entry="main") > estimated_cost(helper, 1000, entry="helper") * 100
    assert estimated_cost(helper, 1000) == estimated_cost(helper, 1000, entry="main")  # main is the only root


def test_features_are_finite_and_total():
    broken = "def f(xs:\n    for x in xs\n        pass"
    assert estimated_cost(broken) is None
    assert cost_features(broken) == (0.0,) * len(COST_FEATURE_NAMES)
    deep = "def f(n):\n    return g(n) + g(n - 1) + f(n - 2) + f(n - 1)\ndef g(n):\n    return f(n) + g(n - 1)\n"
    nested = "x = " + "(" * 400 + "1" + ")" * 400 + "\n"
    for code in (deep, nested, NAIVE, "", "pass\n"):
        values = cost_features(code)
        assert len(values) == len(COST_FEATURE_NAMES) and all(math.isfinite(v) for v in values)


def test_a_seen_made_anew_every_pass_is_no_shared_guard():
    """Marking a shared `seen` makes the searches of all passes one graph walk (about linear growth); the same
    guard on a `seen` rebuilt every pass spares nothing (a search per node: at least quadratic growth)."""
    fresh = COMPONENTS_MARKED_ONCE.replace("        if seen[start]:",
                                           "        seen = [False] * n\n        if seen[start]:")
    assert growth(COMPONENTS_MARKED_ONCE) < 40
    assert growth(fresh) > 100


def test_a_halving_loop_nested_inside_does_not_make_the_outer_loop_logarithmic():
    code = """def f(xs):
    i = total = 0
    while i < len(xs):
        x = xs[i]
        while x:
            x //= 2
            total += 1
        i += 1
    return total
"""
    assert growth(code) > 9  # n log n, not log^2 n


def test_a_walk_to_the_first_larger_element_is_short_unless_it_shifts_the_data():
    """Searching forward for the next larger element stops after a few steps on varied data (n log n in all); the
    same walk swapping the elements it compares is insertion sort (quadratic)."""
    assert growth(SCAN_TO_WARMER) < 20
    assert growth(SHIFTING_WALK) > 50


def test_a_list_refiltered_from_itself_is_no_level_by_level_walk():
    """`while level: level = [..]` rebuilt from the whole list each round rescans it: quadratic, not linear."""
    refilter = """def f(xs):
    rounds = 0
    pending = list(xs)
    while pending:
        rounds += 1
        kept = []
        for x in pending:
            if x > rounds:
                kept.append(x)
        pending = [x for x in kept]
    return rounds
"""
    assert growth(refilter) > 50
    assert growth(LEVEL_BY_LEVEL) < 50


def test_a_segment_tree_halving_through_a_midpoint_name_is_logarithmic_per_update():
    """`mid = (lo + hi) // 2` then two self-call sites with `mid`: log n calls per update, n log n for n updates
    (not the exponential charge of unmemoised double recursion)."""
    assert growth(SEGMENT_TREE, 10000) < 15
