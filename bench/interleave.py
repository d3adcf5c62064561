#!/usr/bin/env python3
"""Times whole commands in interleaved rounds and writes hyperfine's JSON shape.

    bench/interleave.py [--runs N] [--warmup N] --export-json FILE \
        -n NAME [--prepare CMD] CMD  [-n NAME [--prepare CMD] CMD ...]

hyperfine runs all the runs of one command, then all of the next. On a shared machine whose speed
drifts over minutes (this one: the same cold go build took 14 s and 20 s within ten minutes), that
puts the drift into the ratio of two commands. hyperfine has no option to interleave, so this
runs round by round: every command once per round, in an order rotated each round and reversed
every other round, so that no command always runs first, or always right after another. Each --prepare runs right before its
command and is not timed; commands run with bash -c. The JSON has, per command, its median, mean,
stddev, min, max and times, under "results", as hyperfine's --export-json writes them, so the
benchmarks' summaries read either.
"""
import argparse
import json
import statistics
import subprocess
import sys
import time


def parse(argv):
    opts = argparse.Namespace(runs=10, warmup=0, export_json=None)
    benches, i = [], 0
    while i < len(argv):
        a = argv[i]
        if a in ("--runs", "--warmup", "--export-json"):
            setattr(opts, a[2:].replace("-", "_"), argv[i + 1] if a == "--export-json" else int(argv[i + 1]))
            i += 2
        elif a == "-n":
            benches.append({"name": argv[i + 1], "prepare": None, "command": None})
            i += 2
        elif a == "--prepare":
            benches[-1]["prepare"] = argv[i + 1]
            i += 2
        else:
            if not benches or benches[-1]["command"] is not None:
                sys.exit(f"interleave: '{a}' is not after -n NAME")
            benches[-1]["command"] = a
            i += 1
    if not benches or any(b["command"] is None for b in benches) or not opts.export_json:
        sys.exit("usage: interleave.py [--runs N] [--warmup N] --export-json FILE -n NAME [--prepare CMD] CMD ...")
    return opts, benches


def run(bench):
    if bench["prepare"]:
        subprocess.run(["bash", "-c", bench["prepare"]], check=True, stdout=subprocess.DEVNULL)
    start = time.perf_counter()
    done = subprocess.run(["bash", "-c", bench["command"]], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    elapsed = time.perf_counter() - start
    if done.returncode != 0:
        sys.exit(f"interleave: '{bench['name']}' failed with exit code {done.returncode}:\n{done.stderr[-2000:]}")
    return elapsed


def main():
    opts, benches = parse(sys.argv[1:])
    for _ in range(opts.warmup):
        for b in benches:
            run(b)
    times = {b["name"]: [] for b in benches}
    for r in range(opts.runs):
        order = benches[r % len(benches):] + benches[:r % len(benches)]
        if r % 2 == 1:
            order.reverse()
        for b in order:
            times[b["name"]].append(run(b))
        print(f"  round {r + 1}/{opts.runs}: " + ", ".join(f"{b['name']} {times[b['name']][-1]:.3f} s" for b in benches), flush=True)
    results = []
    for b in benches:
        t = times[b["name"]]
        results.append({"command": b["name"], "median": statistics.median(t), "mean": statistics.mean(t),
                        "stddev": statistics.stdev(t) if len(t) > 1 else 0.0, "min": min(t), "max": max(t), "times": t})
        print(f"{b['name']:>24}: median {statistics.median(t):.3f} s, mean {statistics.mean(t):.3f} s, range {min(t):.3f} … {max(t):.3f} s ({len(t)} runs)")
    with open(opts.export_json, "w") as f:
        json.dump({"results": results}, f, indent=2)


if __name__ == "__main__":
    main()
