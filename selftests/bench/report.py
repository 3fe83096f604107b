#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Turn the raw samples of guest-bench.sh into the benchmark's results.

Usage: report.py RESULTS-PORT-FILE OUTDIR

Reads the BENCH and BENCH-INFO lines the guest sent on its results port,
prints a table of medians and ratios on stdout, and writes OUTDIR/results.json
and, with gnuplot, OUTDIR/ratios.png (vsw/bridge, vsw/OVS and vsw/floor per
case). Ratios are what to read: the guest is emulated (TCG) on a shared
machine, so absolute numbers only compare within one run.
"""
import json
import os
import statistics
import subprocess
import sys
import time

SYSTEMS = ["vsw", "bridge", "ovs", "floor"]
RATIOS = [("vsw/bridge", "bridge"), ("vsw/ovs", "ovs"), ("vsw/floor", "floor")]


def case_title(case):
    titles = {
        "unicast": "1 unicast 64B port to port",
        "vlan": "2 access VLAN 10 -> tagged uplink",
        "vxlan": "3 into a VXLAN VNI",
        "tcp": "4 TCP iperf3 (offloads on)",
        "flood": "6 broadcast to 16 ports",
    }
    if case in titles:
        return titles[case]
    if case.startswith("fdb"):
        n = int(case[3:])
        size = f"{n >> 20}M" if n >= 1 << 20 else f"{n >> 10}k" if n >= 1024 else str(n)
        return f"5 FDB, {size} learned entries"
    return case


def case_order(case):
    order = ["unicast", "vlan", "vxlan", "tcp", "fdb", "flood"]
    base = "fdb" if case.startswith("fdb") else case
    n = int(case[3:]) if case.startswith("fdb") else 0
    return (order.index(base) if base in order else 99, n)


def parse(path):
    samples, units, info = {}, {}, []
    with open(path, errors="replace") as f:
        for line in f:
            line = line.strip().replace("\r", "")
            if line.startswith("BENCH "):
                _, case, system, value, unit = line.split(None, 4)
                samples.setdefault(case, {}).setdefault(system, []).append(float(value))
                units[case] = unit
            elif line.startswith("BENCH-INFO "):
                info.append(line[len("BENCH-INFO "):])
    return samples, units, info


def fmt(v, unit):
    if v is None:
        return "n/a"
    if unit == "pps":
        return f"{v / 1000:.1f}k"
    return f"{v:.2f}"


def round_ratio_range(samples):
    """The lowest and highest ratio within one round: the i-th sample of
    each system comes from the i-th round, in which every system ran once,
    back to back. How far these spread says how much of a median ratio is
    the machine's noise."""
    out = {}
    for name, other in RATIOS:
        a, b = samples.get("vsw", []), samples.get(other, [])
        if not a or len(a) != len(b):
            continue
        r = sorted(x / y for x, y in zip(a, b) if y)
        if r:
            out[name] = [round(r[0], 3), round(r[-1], 3)]
    return out


def main():
    src, outdir = sys.argv[1], sys.argv[2]
    samples, units, info = parse(src)
    if not samples:
        print("bench: no samples from the guest", file=sys.stderr)
        return 1
    meta = {}
    notes = {}
    fdb = {}
    slab = []
    for line in info:
        w = line.split()
        if w[0] == "kernel":
            meta = {"kernel": w[1], "cpus": int(w[3]), "runs": int(w[5]), "secs": float(w[7])}
        elif w[0].endswith("n/a") or (len(w) > 1 and w[1] == "n/a"):
            notes[w[0]] = "n/a"
        elif len(w) > 1 and w[1] == "failed":
            notes[w[0]] = "setup failed"
        elif w[0].startswith("fdb-") and "learned" in w:
            _, system, n = w[0].split("-")
            d = dict(zip(w[1::2], w[2::2]))
            # One per run: the median of each.
            e = fdb.setdefault(system, {}).setdefault(n, {})
            for k in ("learned", "mem_bytes_per_entry", "slab_bytes_per_entry"):
                if d[k] != "?":
                    e.setdefault(k, []).append(int(d[k]))
        elif w[0] == "slab" and " ".join(w[1:]) not in slab:
            slab.append(" ".join(w[1:]))
    for system in fdb.values():
        for n, e in system.items():
            system[n] = {k: int(statistics.median(v)) for k, v in e.items()}

    cases = []
    for case in sorted(samples, key=case_order):
        unit = units[case]
        med = {s: statistics.median(samples[case][s]) if s in samples[case] else None
               for s in SYSTEMS}
        ratios = {}
        for name, other in RATIOS:
            ratios[name] = (round(med["vsw"] / med[other], 3)
                            if med["vsw"] and med[other] else None)
        c = {"case": case, "title": case_title(case), "unit": unit,
             "median": med, "samples": samples[case], "ratios": ratios,
             "ratio_range": round_ratio_range(samples[case])}
        base = "fdb" if case.startswith("fdb") else case
        missing = {s: notes[f"{base}-{s}"] for s in SYSTEMS if f"{base}-{s}" in notes}
        if missing:
            c["missing"] = missing
        if base == "fdb":
            c["note"] = "vsw and the bridge learn; OVS flows and tc mirred have no FDB"
        cases.append(c)

    # Case 5: the drop from the small to the big table, per system.
    fdb_cases = sorted((c for c in cases if c["case"].startswith("fdb")),
                       key=lambda c: case_order(c["case"]))
    fdb_summary = {}
    if len(fdb_cases) >= 2:
        small, big = fdb_cases[0], fdb_cases[-1]
        for s in ("vsw", "bridge"):
            a, b = small["median"][s], big["median"][s]
            e = {"pps_small": a, "pps_big": b,
                 "entries_small": int(small["case"][3:]), "entries_big": int(big["case"][3:]),
                 "big_over_small": round(b / a, 3) if a and b else None}
            e.update(fdb.get(s, {}).get(big["case"][3:], {}))
            fdb_summary[s] = e

    def ratio(case, name):
        for c in cases:
            if c["case"] == case:
                return c["ratios"].get(name)
        return None

    goals = []

    def goal(text, value, ok):
        goals.append({"goal": text, "value": value,
                      "met": None if value is None else bool(ok(value))})

    for case in ("unicast", "vlan", "vxlan"):
        goal(f"{case}: vsw >= 1.15x bridge", ratio(case, "vsw/bridge"), lambda v: v >= 1.15)
        goal(f"{case}: vsw >= 1.0x OVS", ratio(case, "vsw/ovs"), lambda v: v >= 1.0)
    goal("unicast: vsw >= 0.9x mirred floor", ratio("unicast", "vsw/floor"), lambda v: v >= 0.9)
    goal("tcp: vsw >= 1.0x bridge", ratio("tcp", "vsw/bridge"), lambda v: v >= 1.0)
    v = fdb_summary.get("vsw", {})
    goal("fdb: vsw big/small >= 0.9 (<= 10% drop)", v.get("big_over_small"), lambda x: x >= 0.9)
    # Issue 7 counts slab per entry; the memory delta (printed above, and
    # in results.json) adds the hash table's bucket array.
    goal("fdb: vsw <= 64 bytes of slab per entry", v.get("slab_bytes_per_entry"),
         lambda x: x <= 64)

    result = {"date": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()), **meta,
              "note": "medians of runs; ratios are the result, absolute numbers are "
                      "from an emulated (TCG) guest on a shared machine",
              "cases": cases, "fdb": fdb_summary, "slab": slab, "goals": goals}
    os.makedirs(outdir, exist_ok=True)
    with open(os.path.join(outdir, "results.json"), "w") as f:
        json.dump(result, f, indent=1)
        f.write("\n")

    # The table.
    hdr = f"{'case':36} {'unit':6} " + " ".join(f"{s:>8}" for s in SYSTEMS) + \
        "  " + " ".join(f"{n:>10}" for n, _ in RATIOS)
    print(f"vsw benchmark: {meta.get('kernel', '?')} guest, {meta.get('cpus', '?')} vCPUs (TCG), "
          f"median of {meta.get('runs', '?')} runs of {meta.get('secs', '?')} s")
    print(hdr)
    print("-" * len(hdr))
    for c in cases:
        row = f"{c['title']:36} {c['unit']:6} " + \
            " ".join(f"{fmt(c['median'][s], c['unit']):>8}" for s in SYSTEMS) + "  " + \
            " ".join(f"{'n/a' if c['ratios'][n] is None else format(c['ratios'][n], '.2f'):>10}"
                     for n, _ in RATIOS)
        print(row)
    print("ratios within one round, lowest-highest (each round runs every system once):")
    for c in cases:
        rr = c["ratio_range"]
        if rr:
            print(f"  {c['title']:36} " + "  ".join(
                f"{n} {rr[n][0]:.2f}-{rr[n][1]:.2f}" for n, _ in RATIOS if n in rr))
    for c in cases:
        if "note" in c and not c["case"].startswith("fdb"):
            print(f"note: {c['title']}: {c['note']}")
    for s, e in fdb_summary.items():
        print(f"fdb {s}: {e['entries_big']} vs {e['entries_small']} entries: "
              f"{e['big_over_small']}x the pps; learned {e.get('learned', '?')}, "
              f"{e.get('mem_bytes_per_entry', '?')} bytes/entry used memory, "
              f"{e.get('slab_bytes_per_entry', '?')} bytes/entry slab")
    for line in slab:
        print(f"slab: {line}")
    print("goals (issue 7):")
    for g in goals:
        state = "n/a" if g["met"] is None else "met" if g["met"] else "MISSED"
        print(f"  {state:6} {g['goal']} ({g['value']})")

    plot(cases, outdir)
    return 0


def plot(cases, outdir):
    dat = os.path.join(outdir, "ratios.dat")
    png = os.path.join(outdir, "ratios.png")
    with open(dat, "w") as f:
        f.write("# case vsw/bridge vsw/ovs vsw/floor\n")
        for c in cases:
            label = c["title"].split(" ", 1)[1] if c["title"][0].isdigit() else c["title"]
            label = c["title"][0] + " " + label.replace('"', "")
            if c["median"]["vsw"] is None:
                label += " (no vsw number)"
            vals = ["NaN" if c["ratios"][n] is None else str(c["ratios"][n]) for n, _ in RATIOS]
            f.write(f"\"{label}\" " + " ".join(vals) + "\n")
    script = f"""
set terminal pngcairo size 1100,560 font ",10"
set bmargin 7
set lmargin 12
set output "{png}"
set title "vsw throughput relative to the Linux bridge, OVS kernel datapath and tc mirred (higher is better)"
set style data histograms
set style histogram clustered gap 1
set style fill solid 0.85 border -1
set boxwidth 0.9
set datafile missing "NaN"
set ylabel "ratio (vsw / other)"
set yrange [0:*]
set grid ytics
set xtics rotate by 20 right
set key top right
set arrow from graph 0, first 1 to graph 1, first 1 nohead dt 2 lw 1.5 lc rgb "black"
plot "{dat}" using 2:xtic(1) title "vsw/bridge" lc rgb "#4477aa", \\
     "" using 3 title "vsw/OVS" lc rgb "#ee6677", \\
     "" using 4 title "vsw/mirred floor" lc rgb "#228833"
"""
    try:
        subprocess.run(["gnuplot"], input=script, text=True, check=True)
    except (OSError, subprocess.CalledProcessError) as e:
        print(f"bench: no chart ({e}); apt-get install gnuplot-nox", file=sys.stderr)
    finally:
        os.unlink(dat)


if __name__ == "__main__":
    sys.exit(main())
