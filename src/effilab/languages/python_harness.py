"""The harness that runs inside the sandbox: loads the candidate, runs every test, reports on a private channel.

Trusted code, standard library only; it runs from a compiled copy (`python -s -P harness.pyc`) and reads its job
(marshal) from stdin.
Records go to a pipe inherited from effilab (not stdout), each carrying a per-run nonce that the candidate never
sees in its output streams; the parent requires a record for every test and a final "done" record that the harness
writes only after the last test. Values are encoded by a small encoder of our own, built from builtin-type methods
the candidate cannot patch.
"""

import os
import sys


def _is_open(fd):
    try:
        os.fstat(fd)
        return True
    except OSError:
        return False


def _harness():  # everything lives in this closure: no module globals for the candidate to rebind
    import builtins
    import io
    import marshal
    import time
    import types

    job = marshal.loads(sys.stdin.buffer.read())  # marshal, not json: no import cost at start-up
    null_fd = os.open(os.devnull, os.O_RDONLY)
    os.dup2(null_fd, 0)
    output_limit = int(job.get("output_limit", 1000000))

    # Move the channel to an unpredictable descriptor and forget where it came from.
    fd_env = os.environ.pop("EFFILAB_CHANNEL_FD")
    import resource

    soft = resource.getrlimit(resource.RLIMIT_NOFILE)[0]
    top = soft if 0 < soft < 4096 else 4096
    free = [fd for fd in range(max(10, top // 2), top) if not _is_open(fd)]
    channel = os.dup2(int(fd_env), free[int.from_bytes(os.urandom(4), "little") % len(free)]) if free else int(fd_env)
    if channel != int(fd_env):
        os.close(int(fd_env))
    nonce = job.pop("nonce")
    write, perf_counter, exit_now = os.write, time.perf_counter, os._exit
    escapes = {i: "\\u%04x" % i for i in range(32)}
    escapes.update({ord("\\"): "\\\\", ord('"'): '\\"'})

    def encode(value, depth=0):
        """JSON text for plain values; anything else becomes a tagged description that never equals data."""
        if depth > 60:
            return '{"__type__":"too-deep"}'
        if value is None:
            return "null"
        kind = type(value)
        if kind is bool:
            return "true" if value else "false"
        if kind is int:
            return int.__repr__(value)
        if kind is float:
            if value != value or value in (float("inf"), float("-inf")):
                return '{"__float__":"%s"}' % float.__repr__(value)
            return float.__repr__(value)
        if kind is str:
            return '"' + str.translate(value, escapes) + '"'
        if kind in (list, tuple):
            return "[" + ",".join([encode(v, depth + 1) for v in value]) + "]"
        if kind is dict:
            if all(type(k) is str for k in value):
                return "{" + ",".join([encode(k) + ":" + encode(v, depth + 1) for k, v in dict.items(value)]) + "}"
            return '{"__dict__":' + encode([[k, v] for k, v in dict.items(value)], depth + 1) + "}"
        if kind in (set, frozenset):
            items = [encode(v, depth + 1) for v in value]
            return '{"__set__":[' + ",".join(sorted(items)) + "]}"
        if kind is bytes:
            return '{"__bytes__":"' + bytes.hex(value) + '"}'
        if kind.__name__ == "ListNode" and kind in trusted_types:
            out, node, steps = [], value, 0
            while node is not None and steps < 100000:
                out.append(node.val)
                node, steps = node.next, steps + 1
            return '{"__listnode__":' + encode(out, depth + 1) + "}"
        if kind.__name__ == "TreeNode" and kind in trusted_types:
            out, queue, head = [], [value], 0
            while head < len(queue):
                if head >= 200000:
                    return '{"__type__":"TreeNode (too large or cyclic)"}'
                node, head = queue[head], head + 1
                if node is None:
                    out.append(None)
                    continue
                out.append(node.val)
                queue.append(node.left)
                queue.append(node.right)
            while out and out[-1] is None:
                out.pop()
            return '{"__treenode__":' + encode(out, depth + 1) + "}"
        name = str(getattr(kind, "__qualname__", "?"))
        return '{"__type__":' + encode(name) + "}"

    def emit(event, **fields):
        fields["event"] = event
        fields["nonce"] = nonce
        line = encode(fields) + "\n"
        data = str.encode(line, "utf-8", "replace")
        while data:
            data = data[write(channel, data):]

    def describe(exc):
        text = "%s: %s" % (type(exc).__name__, exc)
        return text[:500]

    # --- trusted set-up, then the candidate --------------------------------------------------------------------
    pristine = dict(builtins.__dict__)
    ns = {"__name__": "__candidate__", "__builtins__": builtins}
    trusted_types = set()
    if job.get("setup_code"):
        exec(compile(job["setup_code"], "<setup>", "exec"), ns)
        trusted_types = {v for v in ns.values() if isinstance(v, type)}
    setup_snapshot = dict(ns)
    code = job["code"]
    tests = job["tests"]
    entry = job.get("entry_point")
    emit("start", tests=len(tests))

    try:
        compiled = compile(code, "<candidate>", "exec")
    except SyntaxError as exc:
        emit("load", status="syntax", message="%s (line %s)" % (exc.msg, exc.lineno))
        sys.stdout.flush()
        exit_now(0)
    except (ValueError, MemoryError, RecursionError) as exc:
        emit("load", status="syntax", message=describe(exc))
        exit_now(0)

    def restore_builtins():
        builtins.__dict__.clear()
        builtins.__dict__.update(pristine)

    needs_load = any(t["kind"] != "stdio" for t in tests)
    if needs_load:
        try:
            exec(compiled, ns)
        except MemoryError as exc:
            emit("load", status="memory", message=describe(exc))
            exit_now(0)
        except BaseException as exc:  # SystemExit and KeyboardInterrupt too: the candidate may not end the run
            emit("load", status="error", message=describe(exc))
            exit_now(0)
        restore_builtins()
        emit("load", status="ok")

    # --- guards against values that fake equality -------------------------------------------------------------
    trusted_files = ("<setup>",)
    watched = ("__eq__", "__ne__", "__bool__", "__len__", "__lt__", "__le__", "__gt__", "__ge__", "__contains__",
               "__hash__", "__float__", "__int__", "__index__", "__str__", "__repr__", "__iter__", "__getattr__",
               "__getattribute__", "__abs__", "__round__")

    def untrusted_type(kind):
        for klass in kind.__mro__:
            for name in watched:
                method = klass.__dict__.get(name)
                code_obj = getattr(method, "__code__", None)
                if code_obj is not None:
                    filename = code_obj.co_filename
                    if filename in trusted_files:
                        continue
                    if filename.startswith("<") or not os.path.isabs(filename):
                        return True
        return False

    def check_plain(value):
        stack, seen = [value], 0
        while stack and seen < 10000:
            item = stack.pop()
            seen += 1
            kind = type(item)
            if kind in (int, float, str, bool, bytes, type(None), complex):
                continue
            if untrusted_type(kind):
                raise TypeError("the candidate returned a %s, whose comparison methods are its own code; "
                                "effilab does not trust them" % kind.__qualname__)
            if kind in (list, tuple, set, frozenset):
                stack.extend(item)
            elif kind is dict:
                stack.extend(dict.keys(item))
                stack.extend(dict.values(item))
        return value

    def guard_function(fn):
        def guarded(*args, **kwargs):
            return check_plain(fn(*args, **kwargs))
        guarded.__name__ = getattr(fn, "__name__", "candidate")
        guarded.__wrapped__ = fn
        return guarded

    class GuardedInstance:
        def __init__(self, obj):
            object.__setattr__(self, "_obj", obj)

        def __getattr__(self, name):
            value = getattr(object.__getattribute__(self, "_obj"), name)
            return guard_function(value) if callable(value) else value

    def guard_class(cls):
        def make(*args, **kwargs):
            return GuardedInstance(cls(*args, **kwargs))
        return make

    def resolve(entry_point):
        head, _, method = entry_point.partition(".")
        obj = ns.get(head)
        if obj is None:
            raise NameError("the candidate defines no %r" % head)
        if method:
            return getattr(obj(), method)
        return obj

    # --- LeetCode-style calls: list inputs for TreeNode/ListNode parameters, node results as lists ------------
    node_builders = {"TreeNode": setup_snapshot.get("tree_node"), "ListNode": setup_snapshot.get("list_node")}

    def node_kind(annotation):
        """("TreeNode" | "ListNode", is_list_of) for an annotation naming a node type, else None."""
        import typing

        if isinstance(annotation, typing.ForwardRef):
            annotation = annotation.__forward_arg__
        if isinstance(annotation, str):
            text = annotation.replace(" ", "").replace("typing.", "").strip("'\"")
            for prefix in ("List[", "list["):
                if text.startswith(prefix) and text.endswith("]"):
                    inner = node_kind(text[len(prefix):-1])
                    return (inner[0], True) if inner and not inner[1] else None
            for name in node_builders:
                if text in (name, "Optional[%s]" % name, "%s|None" % name, "None|%s" % name):
                    return (name, False)
            return None
        if isinstance(annotation, type):
            return (annotation.__name__, False) if annotation.__name__ in node_builders else None
        origin, args = typing.get_origin(annotation), typing.get_args(annotation)
        if origin in (typing.Union, types.UnionType):
            kinds = [node_kind(a) for a in args if a is not type(None)]
            return kinds[0] if len(kinds) == 1 and kinds[0] and not kinds[0][1] else None
        if origin is list and len(args) == 1:
            inner = node_kind(args[0])
            return (inner[0], True) if inner and not inner[1] else None
        return None

    def to_nodes(kind, value):
        name, many = kind
        build = node_builders.get(name)
        if build is None or type(value) is not list:
            return value
        if many:
            return [build(v) if type(v) is list else v for v in value]
        return build(value)

    def call_entry(fn, args, kwargs):
        """Call fn; LeetCode-style list inputs become trees/lists where fn's annotations ask for nodes."""
        returns = None
        if node_builders["TreeNode"] or node_builders["ListNode"]:
            try:
                import inspect

                signature = inspect.signature(fn)
                params = list(signature.parameters.values())
                args = [to_nodes(node_kind(params[i].annotation), a) if i < len(params) and node_kind(
                    params[i].annotation) else a for i, a in enumerate(args)]
                kwargs = {k: to_nodes(node_kind(signature.parameters[k].annotation), v)
                          if k in signature.parameters and node_kind(signature.parameters[k].annotation) else v
                          for k, v in kwargs.items()}
                returns = node_kind(signature.return_annotation)
            except (TypeError, ValueError):
                pass
        result = fn(*args, **kwargs)
        if result is None and returns and not returns[1]:
            return {"__treenode__" if returns[0] == "TreeNode" else "__listnode__": []}
        return result

    def test_namespace():
        tns = dict(ns)
        tns["__builtins__"] = dict(pristine)
        tns["__name__"] = "__test__"
        head = (entry or "").partition(".")[0]
        if head and head in ns:
            target = ns[head]
            tns[head] = guard_class(target) if isinstance(target, type) else guard_function(target)
        return tns

    def run_stdio(test):
        """Run the program as __main__ with real descriptors 0 and 1 (memfds), as a process would see them."""
        in_fd, out_fd = os.memfd_create("stdin"), os.memfd_create("stdout")
        data = str.encode(test.get("stdin") or "", "utf-8")
        while data:
            data = data[write(in_fd, data):]
        os.lseek(in_fd, 0, 0)
        saved_fd = os.dup(1)
        saved = sys.stdin, sys.stdout
        os.dup2(in_fd, 0)
        os.dup2(out_fd, 1)
        sys.stdin = io.TextIOWrapper(io.BufferedReader(io.FileIO(0, "rb", closefd=False)), encoding="utf-8")
        sys.stdout = io.TextIOWrapper(io.BufferedWriter(io.FileIO(1, "wb", closefd=False)), encoding="utf-8")
        pns = dict(setup_snapshot)
        pns["__name__"] = "__main__"
        status, message, failure = "ok", None, None
        try:
            exec(compiled, pns)
        except SystemExit as exc:
            if exc.code not in (None, 0):
                status, message = "error", "exited with status %r" % (exc.code,)
        except BaseException as exc:  # raised again below, unless it came from writing past the output limit
            failure = exc
        finally:
            try:
                sys.stdout.flush()
            except BaseException:
                pass
            sys.stdin, sys.stdout = saved
            os.dup2(saved_fd, 1)
            os.close(saved_fd)
            os.dup2(null_fd, 0)
        size = os.lseek(out_fd, 0, 2)
        os.lseek(out_fd, 0, 0)
        out = os.read(out_fd, min(size, output_limit)) if size else b""
        os.close(in_fd)
        os.close(out_fd)
        if size > output_limit:  # also when the flood ended in an error (EFBIG at the file-size limit)
            status, message = "output_limit", "wrote %d bytes to stdout (limit %d)" % (size, output_limit)
        elif failure is not None:
            raise failure
        return status, message, bytes.decode(out, "utf-8", "replace")

    # --- efficiency measurement of the workload (only for code that passed every test) --------------------------
    def fresh_entry():
        """A freshly loaded candidate, so caches of one pass never serve the next."""
        fresh = dict(setup_snapshot)
        exec(compiled, fresh)
        restore_builtins()
        head, _, method = entry.partition(".")
        return getattr(fresh[head](), method) if method else fresh[head]

    def run_measure(spec):
        import copy
        import gc
        import threading

        import random

        gen_ns = {"__name__": "__workload__"}
        exec(compile(spec["generator"], "<setup>", "exec"), gen_ns)
        per_size = [list(gen_ns["generate"](size, random.Random(spec["seed"] * 1000003 + size)))
                    for size in spec["sizes"]]
        limit = spec.get("calls_per_size")
        if limit:  # a deterministic subset: the first calls of each size (instruction counting is slow)
            per_size = [group[:limit] for group in per_size]
        calls = [args for group in per_size for args in group]
        result = {"calls": len(calls)}

        def one_pass(fn, batch):
            for args in batch:
                fn(*args)

        def prepared():
            batch = copy.deepcopy(calls)  # the candidate may mutate its arguments
            fn = fresh_entry()
            gc.collect()
            return fn, batch

        if spec.get("instructions"):
            import ctypes

            helper = ctypes.CDLL(os.path.abspath(spec["instructions"]))
            fn, batch = prepared()
            one_pass(fn, batch)  # warm-up: first-use costs (imports, allocator growth) are not the workload
            fn, batch = prepared()
            helper.effilab_start()
            one_pass(fn, batch)
            helper.effilab_stop()
            result["instructions_measured"] = True
            return result

        if spec.get("cpu") is not None and hasattr(os, "sched_setaffinity"):
            try:  # no migration between cores in the middle of a timed pass: the core the parent reserved for us
                os.sched_setaffinity(0, {int(spec["cpu"])})
            except (OSError, ValueError):
                pass

        if spec.get("time"):
            walls, cpus = [], []
            for round_ in range(spec.get("warmup", 1) + spec.get("repeats", 5)):
                fn, batch = prepared()
                if not spec.get("gc", True):
                    gc.disable()
                w0, c0 = perf_counter(), time.process_time()
                one_pass(fn, batch)
                c1, w1 = time.process_time(), perf_counter()
                gc.enable()
                if round_ >= spec.get("warmup", 1):
                    walls.append(w1 - w0)
                    cpus.append(c1 - c0)
            result["wall_s"], result["cpu_s"] = walls, cpus

        if spec.get("memory"):
            import tracemalloc

            page = os.sysconf("SC_PAGE_SIZE")

            def rss():
                with open("/proc/self/statm", "rb") as handle:
                    return int(handle.read().split()[1]) * page

            def high_water():
                with open("/proc/self/status") as handle:
                    for line in handle:
                        if line.startswith("VmHWM:"):
                            return int(line.split()[1]) * 1024
                return 0

            interval = float(spec.get("interval_s", 0.001))
            fn, batch = prepared()
            baseline = rss()
            try:
                with open("/proc/self/clear_refs", "w") as handle:
                    handle.write("5")  # reset the RSS high-water mark to the current RSS
                hwm_reset = True
            except OSError:
                hwm_reset = False
            samples = []
            stop = threading.Event()

            def sampler():
                t0 = perf_counter()
                while not stop.is_set():
                    samples.append((perf_counter() - t0, rss()))
                    stop.wait(interval)
                samples.append((perf_counter() - t0, rss()))

            thread = threading.Thread(target=sampler, daemon=True)
            thread.start()
            one_pass(fn, batch)
            stop.set()
            thread.join()
            peak = max(high_water() if hwm_reset else 0, max(r for _, r in samples))
            tmu_raw = tmu_net = 0.0
            for (t0, r0), (t1, r1) in zip(samples, samples[1:]):
                tmu_raw += (t1 - t0) * (r0 + r1) / 2
                tmu_net += (t1 - t0) * (max(r0 - baseline, 0) + max(r1 - baseline, 0)) / 2
            step = max(1, len(samples) // 200)
            result.update(rss_baseline_mb=baseline / 1e6, rss_peak_mb=peak / 1e6,
                          rss_peak_net_mb=max(peak - baseline, 0) / 1e6,
                          tmu_mb_s=tmu_net / 1e6, tmu_raw_mb_s=tmu_raw / 1e6, rss_interval_s=interval,
                          rss_profile=[[round(t, 5), round(r / 1e6, 3)] for t, r in samples[::step]])
            fn, batch = prepared()
            tracemalloc.start()
            one_pass(fn, batch)
            result["heap_peak_mb"] = tracemalloc.get_traced_memory()[1] / 1e6
            tracemalloc.stop()
        return result

    # --- the tests ----------------------------------------------------------------------------------------------
    if job.get("measure"):  # a measurement run: correctness was established by an earlier run
        tests = []
    for index, test in enumerate(tests):
        restore_builtins()
        kind = test["kind"]
        started = perf_counter()
        record = {"index": index, "status": "ok"}
        try:
            if kind == "call":
                fn = resolve(entry)
                result = call_entry(fn, list(test.get("args", [])), dict(test.get("kwargs", {})))
                record["output"] = result
            elif kind == "assert":
                exec(compile(test["code"], "<test %d>" % index, "exec"), test_namespace())
            else:
                status, message, out = run_stdio(test)
                record["status"] = status
                record["stdout"] = out
                if message:
                    record["message"] = message
        except AssertionError as exc:
            record["status"] = "fail"
            record["message"] = describe(exc)
        except MemoryError as exc:
            record["status"] = "memory"
            record["message"] = describe(exc)
        except RecursionError as exc:
            record["status"] = "error"
            record["message"] = describe(exc)
        except BaseException as exc:  # SystemExit raised inside a test is an error, never a pass
            record["status"] = "error"
            record["message"] = describe(exc)
        record["seconds"] = perf_counter() - started
        restore_builtins()

        try:
            emit("test", **record)
        except MemoryError:
            emit("test", index=index, status="memory", message="MemoryError while reporting the result")
    measure = job.get("measure")
    if measure:
        try:
            emit("measure", **run_measure(measure))
        except BaseException as exc:  # a crash on the workload: efficiency is not scored, the verdict stands
            emit("measure", error=describe(exc))
    usage = resource.getrusage(resource.RUSAGE_SELF)
    emit("done", tests=len(tests), cpu_s=usage.ru_utime + usage.ru_stime, max_rss_kb=usage.ru_maxrss)
    exit_now(0)


if __name__ == "__main__":  # run as a script; the fork server calls _harness() in each job
    _harness()
