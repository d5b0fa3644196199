#!/usr/bin/env python3
"""Loads every manifest of a git commit the quick Python way, as the baseline of plumb's load.

Reads the blobs of REV with one `git ls-tree -r` and one `git cat-file --batch` (no checkout),
then parses every .yaml file with yaml.safe_load_all and every .json file with json.loads.
Times both PyYAML loaders (the C one, CSafeLoader, when libyaml is present, and the pure-Python
SafeLoader) and prints one JSON line of milliseconds (median of --runs runs each).

usage: scripts/bench-pyyaml.py REPO [REV] [--runs N]
"""
import argparse
import json
import statistics
import subprocess
import sys
import time

import yaml


def read_blobs(repo, rev):
    """(path, bytes) of every .yaml/.json file at rev, read through git cat-file --batch."""
    listing = subprocess.run(["git", "-C", repo, "ls-tree", "-r", "-z", "--format=%(objecttype) %(objectname)\t%(path)", rev],
                             check=True, capture_output=True, timeout=300).stdout
    entries = []
    for record in listing.split(b"\0"):
        if not record:
            continue
        head, path = record.split(b"\t", 1)
        kind, oid = head.split(b" ")
        if kind == b"blob" and (path.endswith(b".yaml") or path.endswith(b".json")):
            entries.append((path.decode(), oid))
    batch = subprocess.run(["git", "-C", repo, "cat-file", "--batch"], input=b"".join(oid + b"\n" for _, oid in entries),
                           check=True, capture_output=True, timeout=300).stdout
    files, offset = [], 0
    for path, _ in entries:
        newline = batch.index(b"\n", offset)
        size = int(batch[offset:newline].split(b" ")[2])
        files.append((path, batch[newline + 1:newline + 1 + size]))
        offset = newline + 1 + size + 1
    return files


def load(repo, rev, loader):
    """Reads and parses every file; returns the number of documents."""
    documents = 0
    for path, data in read_blobs(repo, rev):
        if path.endswith(".json"):
            json.loads(data)
            documents += 1
        else:
            documents += sum(1 for _ in yaml.load_all(data, Loader=loader))
    return documents


def timed(repo, rev, loader, runs):
    times, documents = [], 0
    for _ in range(runs):
        start = time.perf_counter()
        documents = load(repo, rev, loader)
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times), documents


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("repo")
    parser.add_argument("rev", nargs="?", default="HEAD")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    result = {"bench": "pyyaml", "pyyaml": yaml.__version__}
    c_loader = getattr(yaml, "CSafeLoader", None)
    if c_loader is not None:
        result["c_loader_ms"], result["documents"] = timed(args.repo, args.rev, c_loader, args.runs)
    else:
        print("PyYAML has no CSafeLoader here (built without libyaml)", file=sys.stderr)
    result["python_loader_ms"], result["documents"] = timed(args.repo, args.rev, yaml.SafeLoader, args.runs)
    print(json.dumps(result, sort_keys=True))


if __name__ == "__main__":
    main()
