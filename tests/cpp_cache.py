"""One private compile cache for the whole test session (imported by the conftests of the C++ test folders):
tests never touch the user's cache, and a program compiled by one test is a cache hit in the next."""

import atexit
import os
import shutil
import tempfile

if "EFFILAB_CACHE" not in os.environ:
    os.environ["EFFILAB_CACHE"] = tempfile.mkdtemp(prefix="effilab-test-cache-")
    atexit.register(shutil.rmtree, os.environ["EFFILAB_CACHE"], True)
