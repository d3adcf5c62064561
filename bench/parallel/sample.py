#!/usr/bin/env python3
"""Runs a command and samples its process tree every 50 ms: wall time, peak resident memory of the
whole tree, and the largest number of Go compiler processes (comm "compile") alive at once.
Prints one JSON object. Usage: sample.py COMMAND [ARG ...]"""
import json, os, subprocess, sys, time

def tree(root):
    children = {}
    for pid in os.listdir("/proc"):
        if not pid.isdigit():
            continue
        try:
            with open(f"/proc/{pid}/stat") as f:
                stat = f.read()
        except OSError:
            continue
        # comm may hold spaces: the fields after it start at the last ')'.
        comm = stat[stat.index("(") + 1:stat.rindex(")")]
        ppid = int(stat[stat.rindex(")") + 2:].split()[1])
        children.setdefault(ppid, []).append((int(pid), comm))
    out, todo = [], [root]
    while todo:
        for pid, comm in children.get(todo.pop(), []):
            out.append((pid, comm))
            todo.append(pid)
    return out

def rss(pid):
    try:
        with open(f"/proc/{pid}/statm") as f:
            return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
    except OSError:
        return 0

start = time.monotonic()
proc = subprocess.Popen(sys.argv[1:], stdout=subprocess.DEVNULL)
peak_rss = peak_compile = 0
while proc.poll() is None:
    procs = tree(proc.pid)
    peak_compile = max(peak_compile, sum(1 for _, comm in procs if comm == "compile"))
    peak_rss = max(peak_rss, rss(proc.pid) + sum(rss(pid) for pid, _ in procs))
    time.sleep(0.05)
print(json.dumps({"wall": time.monotonic() - start, "rss": peak_rss, "compile": peak_compile, "exit": proc.returncode}))
