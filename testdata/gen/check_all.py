# Runs every independent check of the golden vectors (the test script's "oracles" step):
#
#   python3 testdata/gen/check_all.py
#
# 1. The generators whose expected outputs are hand-written or computed by their own reference
#    model (intake.py, voucher_flow.py, voucher_orders.py) are re-run on a scratch copy of
#    testdata/, and the files they write must equal the committed ones byte for byte (so a vector
#    edited by hand, or blessed from the engine, fails here).
# 2. The `--check` of batch.py (the batch file is derived from the single-call vectors) and of
#    store_orders.py (the blessed replay outputs against an independent computation).
# 3. The reference models *_reference.py, one per vector file, each with `--check`.
#
# Plain python3, no third-party package, a few seconds. Prints one line per check and a summary
# line 'oracles: N passed, M failed'; exits non-zero on any failure.
import glob
import os
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, "..", ".."))
TESTDATA = os.path.join(ROOT, "testdata")

REGENERATED = {
    "intake.py": ["intake.json"],
    "voucher_flow.py": ["vouchers.json", "flows.json"],
    "voucher_orders.py": ["voucher_orders.json"],
    # Its replay outputs were blessed from the engine and are kept as they are; the rest of the file
    # (inputs, errors, the open/step outputs) is written by the generator. The --check below
    # recomputes the blessed outputs independently.
    "store_orders.py": ["store_orders.json"],
}
CHECKS = ["batch.py", "store_orders.py"]
# Every vector file and the checks that cover it: a vector file missing here fails the step, so a
# new file cannot pass without an oracle.
COVERAGE = {
    "allocate.json": ["allocate_reference.py"],
    "money.json": ["money_reference.py"],
    "split.json": ["split_reference.py"],
    "groupbuy.json": ["groupbuy_reference.py"],
    "membership.json": ["membership_reference.py"],
    "stores.json": ["stores_reference.py"],
    "coupon.json": ["coupon_reference.py"],
    "quote.json": ["quote_reference.py"],
    "batch.json": ["batch.py"],
    "intake.json": ["intake.py"],
    "vouchers.json": ["voucher_flow.py", "voucher_reference.py"],
    "flows.json": ["voucher_flow.py"],
    "voucher_orders.json": ["voucher_orders.py"],
    "store_orders.json": ["store_orders.py"],
}


def run(args, cwd=ROOT):
    p = subprocess.run([sys.executable] + args, cwd=cwd, capture_output=True, text=True)
    return p.returncode, (p.stdout + p.stderr).strip()


def main():
    results = []
    with tempfile.TemporaryDirectory() as tmp:
        shutil.copytree(os.path.join(TESTDATA, "gen"), os.path.join(tmp, "gen"))
        shutil.copytree(os.path.join(TESTDATA, "vectors"), os.path.join(tmp, "vectors"))
        for script, files in REGENERATED.items():
            status, out = run([os.path.join(tmp, "gen", script)], cwd=tmp)
            stale = [f for f in files
                     if open(os.path.join(tmp, "vectors", f), encoding="utf-8").read()
                     != open(os.path.join(TESTDATA, "vectors", f), encoding="utf-8").read()]
            ok = status == 0 and not stale
            detail = out.splitlines()[-1] if out else ""
            if stale:
                detail = f"{', '.join(stale)} differ from what {script} writes (run python3 testdata/gen/{script})"
            results.append((f"{script} regenerates {', '.join(files)}", ok, detail if ok else out + "\n" + detail))
    for script in CHECKS + sorted(os.path.basename(p) for p in glob.glob(os.path.join(HERE, "*_reference.py"))):
        if script == "voucher_reference.py":
            status, out = run([os.path.join(HERE, script)])
            results.append(("voucher_reference.py (RFC 6238 vectors)", status == 0, out.splitlines()[-1] if status == 0 else out))
            continue
        status, out = run([os.path.join(HERE, script), "--check"])
        results.append((f"{script} --check", status == 0, out.splitlines()[-1] if status == 0 and out else out))
    files = sorted(os.path.basename(p) for p in glob.glob(os.path.join(TESTDATA, "vectors", "*.json")))
    uncovered = [f for f in files if f not in COVERAGE]
    missing = [s for f in COVERAGE for s in COVERAGE[f] if not os.path.exists(os.path.join(HERE, s))]
    results.append(("every vector file has an oracle", not uncovered and not missing,
                    f"{len(files)} files covered" if not uncovered and not missing else
                    f"no oracle for {uncovered}; missing scripts {missing} (see testdata/vectors/README.md)"))
    failed = 0
    for name, ok, detail in results:
        print(f"{'ok  ' if ok else 'FAIL'} {name}: {detail}")
        failed += not ok
    print(f"oracles: {len(results) - failed} passed, {failed} failed")
    return failed == 0


if __name__ == "__main__":
    sys.exit(0 if main() else 1)
