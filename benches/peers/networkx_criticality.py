#!/usr/bin/env python3
"""Peer baseline for `milmob criticality`: the same computation with NetworkX,
the way analysts do it — for each OD pair, the shortest path; for each arc
on it, remove the arc, recompute the shortest path length, restore the arc.

Reads a DIMACS-style arc file (`a <from> <to> <weight>`, 0-based ids without
a `p` line, 1-based with one — the same rule as milmob) into a
`networkx.MultiDiGraph` keyed by the arc's 0-based position among the arc
lines (parallel arcs stay distinct, as in milmob), and an OD CSV
(`from,to`). Prints CSV in milmob's format:

    from,to,arc,tail,head,cost,without

`without` is empty when the pair is cut off. With `--paths milmob.csv` the
arcs of each pair's path are taken from milmob's output instead of
NetworkX's own shortest path (NetworkX and milmob may pick different paths
among equally short ones), so the two outputs can be compared row by row;
every cost is still computed by NetworkX.

With `--compare milmob.csv` the script checks its numbers against milmob's:
every pair's cost, and `without` for every (pair, arc) both report; it
prints a summary to stderr and exits 1 on any difference.

Usage (see benches/peers/README.md):

    pip install networkx
    cargo bench --bench bottlenecks          # writes target/bottlenecks_od.csv
    milmob criticality --network ../shared/data/graphs/bremen_time.gr \
        --queries target/bottlenecks_od.csv > target/milmob_crit.csv
    python3 benches/peers/networkx_criticality.py ../shared/data/graphs/bremen_time.gr \
        target/bottlenecks_od.csv --compare target/milmob_crit.csv > target/nx_crit.csv
"""

import argparse
import csv
import sys
import time

import networkx as nx


def read_graph(path):
    g = nx.MultiDiGraph()
    arcs = []
    one_based = False
    with open(path) as f:
        for line in f:
            t = line.split()
            if not t or t[0] in ("c", "#") or line.startswith(("c", "#")):
                continue
            if t[0] == "p":
                one_based = True
                continue
            if t[0] == "a":
                u, v, w = int(t[1]), int(t[2]), int(t[3])
                g.add_edge(u, v, key=len(arcs), weight=w)
                arcs.append((u, v, w))
    return g, arcs, one_based


def read_pairs(path):
    with open(path) as f:
        rows = [r for r in csv.DictReader(l for l in f if not l.lstrip().startswith("#"))]
    return [(int(r["from"]), int(r["to"])) for r in rows]


def read_milmob(path):
    """(from, to) -> (cost, [(arc, without)]) from milmob's CSV."""
    out = {}
    with open(path) as f:
        for r in csv.DictReader(f):
            key = (int(r["from"]), int(r["to"]))
            cost = int(r["cost"]) if r["cost"] else None
            entry = out.setdefault(key, (cost, []))
            if r["arc"]:
                entry[1].append((int(r["arc"]), int(r["without"]) if r["without"] else None))
    return out


def length(g, s, t):
    try:
        return nx.dijkstra_path_length(g, s, t, weight="weight")
    except (nx.NetworkXNoPath, nx.NodeNotFound):
        return None


def path_arcs(g, nodes):
    """The arc keys along a node path (the lightest parallel arc, lowest key on ties)."""
    keys = []
    for u, v in zip(nodes, nodes[1:]):
        edges = g[u][v]
        keys.append(min(edges, key=lambda k: (edges[k]["weight"], k)))
    return keys


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("graph")
    ap.add_argument("queries")
    ap.add_argument("--paths", help="take each pair's path arcs from milmob's CSV")
    ap.add_argument("--compare", help="check the numbers against milmob's CSV")
    a = ap.parse_args()
    t0 = time.perf_counter()
    g, arcs, _ = read_graph(a.graph)
    pairs = read_pairs(a.queries)
    load_s = time.perf_counter() - t0
    given = read_milmob(a.paths) if a.paths else None
    t0 = time.perf_counter()
    rows = []
    for s, t in pairs:
        if s == t:
            rows.append((s, t, None, 0, None))
            continue
        if given is not None:
            cost = length(g, s, t)
            keys = [k for k, _ in given.get((s, t), (None, []))[1]]
        else:
            try:
                cost, nodes = nx.single_source_dijkstra(g, s, t, weight="weight")
                keys = path_arcs(g, nodes)
            except (nx.NetworkXNoPath, nx.NodeNotFound):
                cost, keys = None, []
        if cost is None or not keys:
            rows.append((s, t, None, cost, None))
            continue
        for k in keys:
            u, v, w = arcs[k]
            g.remove_edge(u, v, key=k)
            without = length(g, s, t)
            g.add_edge(u, v, key=k, weight=w)
            rows.append((s, t, k, cost, without))
    run_s = time.perf_counter() - t0
    out = csv.writer(sys.stdout, lineterminator="\n")
    out.writerow(["from", "to", "arc", "tail", "head", "cost", "without"])
    for s, t, k, cost, without in rows:
        tail, head = (arcs[k][0], arcs[k][1]) if k is not None else ("", "")
        out.writerow([s, t, "" if k is None else k, tail, head,
                      "" if cost is None else cost, "" if without is None else without])
    links = sum(1 for r in rows if r[2] is not None)
    print(f"networkx {nx.__version__}: {len(pairs)} pairs, {links} path arcs removed one at a time "
          f"in {run_s:.2f} s (graph read in {load_s:.2f} s)", file=sys.stderr)
    if a.compare:
        ref = read_milmob(a.compare)
        mine = {}
        for s, t, k, cost, without in rows:
            e = mine.setdefault((s, t), (cost, {}))
            if k is not None:
                e[1][k] = without
        bad_cost = [p for p in mine if ref.get(p, (None,))[0] != mine[p][0]]
        common = diff = 0
        tied = 0
        for p, (cost, ws) in mine.items():
            theirs = dict(ref.get(p, (None, []))[1])
            if set(theirs) != set(ws):
                tied += 1
            for k, w in ws.items():
                if k in theirs:
                    common += 1
                    if theirs[k] != w:
                        diff += 1
        print(f"compare with {a.compare}: {len(mine) - len(bad_cost)}/{len(mine)} pair costs equal; "
              f"{common - diff}/{common} (pair, arc) rows both report equal; "
              f"{tied} pair(s) with another path of the same cost", file=sys.stderr)
        if bad_cost or diff:
            sys.exit(1)


if __name__ == "__main__":
    main()
