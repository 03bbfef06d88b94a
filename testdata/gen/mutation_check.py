# Mutation check of the reference models (run by hand, not by the test script: about a minute):
#
#   python3 testdata/gen/mutation_check.py                  # every reference, 3 amounts per case
#   python3 testdata/gen/mutation_check.py quote 5          # one file, 5 amounts per case
#
# For each success case of a vector file it changes one money amount of the expected output by one
# minor unit (its last digit), runs the file's reference on a scratch copy (O2OKIT_VECTORS_DIR) and
# counts how many of these changes the reference catches. A reference that misses one does not check
# that amount.
import copy
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
VECTORS = os.path.join(HERE, "..", "vectors")
FILES = ["allocate", "money", "split", "groupbuy", "membership", "stores", "coupon", "quote"]


def leaves(o, path=()):
    if isinstance(o, dict):
        if set(o) == {"amount", "currency"} and isinstance(o["amount"], str):
            yield path
        else:
            for k, v in o.items():
                yield from leaves(v, path + (k,))
    elif isinstance(o, list):
        for i, v in enumerate(o):
            yield from leaves(v, path + (i,))


def bump(s):
    neg = s.startswith("-")
    t = s.lstrip("-")
    t = t[:-1] + str((int(t[-1]) + 1) % 10)
    return ("-" if neg else "") + t


def check(name, per):
    file = f"{name}.json"
    ref = os.path.join(HERE, f"{name}_reference.py")
    doc = json.load(open(os.path.join(VECTORS, file), encoding="utf-8"))
    tmp = tempfile.mkdtemp()
    random.seed(1)
    tot = det = 0
    missed = []
    for ci, case in enumerate(doc["cases"]):
        if "expected" not in case:
            continue
        ls = list(leaves(case["expected"]))
        random.shuffle(ls)
        for path in ls[:per]:
            d2 = copy.deepcopy(doc)
            d2["cases"] = [d2["cases"][ci]]
            o = d2["cases"][0]["expected"]
            for k in path:
                o = o[k]
            o["amount"] = bump(o["amount"])
            with open(os.path.join(tmp, file), "w", encoding="utf-8") as f:
                json.dump(d2, f)
            p = subprocess.run([sys.executable, ref, "--check"], env=dict(os.environ, O2OKIT_VECTORS_DIR=tmp),
                               capture_output=True, text=True)
            if "not checked:" in p.stdout:
                continue
            tot += 1
            if p.returncode != 0:
                det += 1
            else:
                missed.append((case["name"], path))
    shutil.rmtree(tmp)
    print(f"{file}: {det}/{tot} one-unit changes of money amounts caught")
    for m in missed:
        print("  missed", m)
    return not missed


if __name__ == "__main__":
    names = [sys.argv[1]] if len(sys.argv) > 1 else FILES
    per = int(sys.argv[2]) if len(sys.argv) > 2 else 3
    ok = all([check(n, per) for n in names])
    sys.exit(0 if ok else 1)
