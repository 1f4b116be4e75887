#!/usr/bin/env python3
"""Joins labelled clause files into one evaluation set and splits it, once, into a tuning
half and a held-out half: stratified by label and source kind, shuffled with a fixed seed,
so that the split is the same on every machine. The split is written into the output file
(field `split`: "tune" or "heldout"); re-running on the same input gives the same file.

usage: split-eval.py OUT.toml IN.toml [IN.toml ...]
"""
import random
import sys
import tomllib

SEED = 20261129


def toml_string(s):
    if "'''" not in s:
        return "'''" + s + "'''"
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def main(argv):
    if len(argv) < 3:
        print(__doc__, file=sys.stderr)
        return 2
    out, inputs = argv[1], argv[2:]
    clauses = []
    for path in inputs:
        with open(path, "rb") as f:
            clauses.extend(tomllib.load(f)["clause"])
    ids = [c["id"] for c in clauses]
    if len(set(ids)) != len(ids):
        print("split-eval: duplicate ids", file=sys.stderr)
        return 1
    rng = random.Random(SEED)
    groups = {}
    for c in sorted(clauses, key=lambda c: c["id"]):
        groups.setdefault((c["label"], c.get("style", "")), []).append(c)
    turn = 0
    for key in sorted(groups):
        members = groups[key]
        rng.shuffle(members)
        for c in members:
            c["split"] = "tune" if turn % 2 == 0 else "heldout"
            turn += 1
    fields = ["id", "split", "style", "title", "doc_type", "lead_in", "document", "text", "label",
              "provision", "why"]
    with open(out, "w", encoding="utf-8") as f:
        f.write("# Labelled clauses for the Welcoming City rule set, written independently of the rule\n"
                "# set and the checks, from a brief that named source kinds, styles and noise, never\n"
                "# trigger words. Illustrative, not quoted from real documents. Split once by\n"
                "# scripts/split-eval.py (seed %d, stratified by label and style) into `tune`, which\n"
                "# rules may be tuned on, and `heldout`, which is only measured.\n" % SEED)
        for c in sorted(clauses, key=lambda c: c["id"]):
            f.write("\n[[clause]]\n")
            for k in fields:
                if k in c and c[k] != "":
                    v = c[k]
                    f.write("%s = %s\n" % (k, toml_string(v) if k in ("text", "document", "lead_in") else
                                           '"' + str(v).replace("\\", "\\\\").replace('"', '\\"') + '"'))
    with open(out, "rb") as f:
        n = len(tomllib.load(f)["clause"])
    print("split-eval: %d clauses written to %s" % (n, out))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
