import os
import subprocess
import threading
import time

import pytest

from effilab.measure.scheduling import CorePool, fixed_layout_prefix, priority


def test_core_pool_lends_each_core_to_one_run_at_a_time():
    pool = CorePool({3, 5})
    held, order = [], []
    with pool.core() as a, pool.core() as b:
        assert {a, b} == {3, 5}

        def third():
            with pool.core() as c:
                order.append(("got", c))

        thread = threading.Thread(target=third)
        thread.start()
        time.sleep(0.2)
        assert order == []  # every core is lent: the third run waits
        held.append(a)
    thread.join(5)
    assert order and order[0][1] in {3, 5}


@pytest.mark.skipif(os.geteuid() != 0, reason="raising the priority needs root")
def test_priority_reaches_child_processes_and_is_restored():
    before = os.getpriority(os.PRIO_PROCESS, threading.get_native_id())
    with priority(-5) as nice:
        child = subprocess.run(["python3", "-c", "import os; print(os.nice(0))"], capture_output=True, text=True)
    assert nice == -5 and child.stdout.strip() == "-5"
    assert os.getpriority(os.PRIO_PROCESS, threading.get_native_id()) == before


def test_fixed_layout_prefix_turns_address_randomisation_off():
    prefix = fixed_layout_prefix()
    if not prefix:
        pytest.skip("setarch is not installed")
    script = "print(open('/proc/self/maps').read().split('\\n')[-2])"
    stacks = {subprocess.run([*prefix, "python3", "-c", script], capture_output=True, text=True).stdout
              for _ in range(3)}
    assert len(stacks) == 1  # the same layout every time (with randomisation on, the stack moves)
