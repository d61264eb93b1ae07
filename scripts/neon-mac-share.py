#!/usr/bin/python3
"""Share of multiply-accumulate instructions among vector instructions in the
hot loop of each ARM gemm/igemm/dwconv kernel, from the disassembly of the
cross builds (build-aarch64/, build-armv7/; scripts/build-arm.sh).

The hot loop of a kernel is its innermost loop (a backward branch with no other
backward branch inside its range) holding the most multiply-accumulates.
Vector instructions are those with a SIMD/FP register operand (loads, stores,
moves and arithmetic); multiply-accumulates are SMLAL/UMLAL/MLA/UDOT/SDOT and
their AArch32 forms (VMLAL, VMLA, VDOT). Spills are vector loads/stores
addressed from sp inside the loop.

Usage: scripts/neon-mac-share.py [--markdown] [aarch64|armv7 ...]
"""
import glob
import os
import re
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
ARCHES = {
    "aarch64": "aarch64-linux-gnu-objdump",
    "armv7": "arm-linux-gnueabihf-objdump",
}
FAMILIES = ("q8gemm_", "q8igemm_", "q8dwconv_")
MAC = {
    "aarch64": re.compile(r"^(smlal2?|umlal2?|mla|udot|sdot)$"),
    "armv7": re.compile(r"^(vmlal|vmla|vdot)(\.|$)"),
}
VREG = {
    "aarch64": re.compile(r"\b(v\d+\.|[qdshb]\d+\b)"),
    "armv7": re.compile(r"\b[qds]\d+\b"),
}
BRANCH = re.compile(r"^(b|b\.\w+|cbn?z|tbn?z|b(eq|ne|cs|cc|hs|lo|mi|pl|hi|ls|ge|lt|gt|le)(\.[nw])?|bne\.n|cbn?z)$")
LINE = re.compile(r"^\s*([0-9a-f]+):\s+(?:[0-9a-f]{4,8}(?:\s[0-9a-f]{4})?\s+)?(\S+)\s*(.*)$")


def disassemble(objdump, path):
    out = subprocess.run([objdump, "-d", "--no-show-raw-insn", path], check=True,
                         capture_output=True, text=True).stdout
    insns = []
    for line in out.splitlines():
        m = LINE.match(line)
        if m and not line.rstrip().endswith(">:"):
            insns.append((int(m.group(1), 16), m.group(2),
                          m.group(3).split("//")[0].split(";")[0].split("@")[0].strip()))
    return insns


def analyze(arch, insns):
    loops = []
    for addr, op, args in insns:
        if BRANCH.match(op):
            m = re.match(r"\s*(?:[^,]*,\s*)*([0-9a-f]+)\s*(<.*>)?$", args)
            if m:
                target = int(m.group(1), 16)
                if target <= addr:
                    loops.append((target, addr))
    inner = [l for l in loops if not any(o != l and l[0] <= o[0] and o[1] <= l[1] for o in loops)]
    best = None
    for lo, hi in inner:
        body = [(op, args) for addr, op, args in insns if lo <= addr <= hi]
        vec = [(op, args) for op, args in body if VREG[arch].search(args) or op.startswith("v") and arch == "armv7"]
        macs = [op for op, args in vec if MAC[arch].match(op)]
        spills = [1 for op, args in vec
                  if re.search(r"\[sp|sp\]|\bsp\b", args) and re.match(r"^(ld|st|vld|vst|vldr|vstr|ldr|str|ldp|stp)", op)]
        cand = (len(macs), -len(body), len(body), len(vec), len(spills))
        if best is None or cand > best:
            best = cand
    if best is None or best[0] == 0:
        return None
    macs, _, total, vec, spills = best
    return total, vec, macs, spills


def main(argv):
    markdown = "--markdown" in argv
    arches = [a for a in argv if a in ARCHES] or list(ARCHES)
    rows = []
    for arch in arches:
        objs = sorted(glob.glob(os.path.join(
            ROOT, f"build-{arch}", "CMakeFiles", "q8nn_objects.dir", "core", "kernels", "neon*", "*.c.o")))
        if not objs:
            print(f"neon-mac-share: no objects in build-{arch} (run scripts/build-arm.sh {arch})",
                  file=sys.stderr)
            continue
        for path in objs:
            name = os.path.basename(path)[:-4]
            if not name.startswith(FAMILIES):
                continue
            r = analyze(arch, disassemble(ARCHES[arch], path))
            if r is None:
                continue
            total, vec, macs, spills = r
            rows.append((arch, name, total, vec, macs, spills, 100.0 * macs / vec))
    if markdown:
        print("| arch | kernel | loop insns | vector insns | MACs | MAC share | spills |")
        print("| --- | --- | --- | --- | --- | --- | --- |")
        for arch, name, total, vec, macs, spills, share in rows:
            print(f"| {arch} | {name} | {total} | {vec} | {macs} | {share:.0f}% | {spills} |")
    else:
        print(f"{'arch':8} {'kernel':40} {'loop':>5} {'vec':>5} {'MAC':>5} {'share':>6} {'spill':>5}")
        for arch, name, total, vec, macs, spills, share in rows:
            print(f"{arch:8} {name:40} {total:5} {vec:5} {macs:5} {share:5.0f}% {spills:5}")
    return 0 if rows else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
