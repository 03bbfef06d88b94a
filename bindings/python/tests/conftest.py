import sys
from pathlib import Path

# Make tests/lr_reference.py importable whatever pytest's import mode.
sys.path.insert(0, str(Path(__file__).resolve().parent))
