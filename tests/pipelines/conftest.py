import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
import cpp_cache  # noqa: E402,F401  (sets EFFILAB_CACHE before any compile)
