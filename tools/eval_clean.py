#!/usr/bin/env python3
"""eval_clean.py BUILD SHARED [-v] -- scores the clean stage.

1. Seeds: runs `BUILD/kabar parse` on SHARED/seeds/*.txt and compares each
   article with SHARED/gold/seeds.docs.jsonl field by field: title, outlet,
   author, published, dateline, reference_date; body_starts (the first body
   sentence starts with it), body_ends (the last one ends with it),
   boilerplate (none of these strings is in a body sentence or the title),
   captions (the number of captions).
2. Boilerplate: runs `kabar parse` on SHARED/corpus/raw/*.txt and counts,
   for every marker raw/index.jsonl lists for a file ("Baca juga",
   "ADVERTISEMENT", ...), its occurrences in the raw text and in the body
   sentences kabar prints.  A marker that remains is either boilerplate
   the cleaner missed or the same words used in the article itself
   ("nomor WhatsApp"); -v prints each remaining one in context.

Exit status: 0 when every seed field matches (or SHARED is absent, which
prints "skipped"), 1 otherwise.  Written for kabar; no dependencies beyond
the Python 3 standard library.
"""
import json
import os
import subprocess
import sys


def parse(build, paths):
    """Runs kabar parse on paths; returns {doc id: parsed object}."""
    out = subprocess.run([os.path.join(build, "kabar"), "parse", "-q"] + paths,
                         stdout=subprocess.PIPE, check=False)
    docs = {}
    for line in out.stdout.decode("utf-8").splitlines():
        if line.strip():
            d = json.loads(line)
            docs[d["doc"]] = d
    return docs


def check_seeds(build, shared):
    gold_path = os.path.join(shared, "gold", "seeds.docs.jsonl")
    seed_dir = os.path.join(shared, "seeds")
    if not os.path.exists(gold_path) or not os.path.isdir(seed_dir):
        print("seeds: skipped (no gold/seeds.docs.jsonl or seeds/)")
        return 0, 0
    gold = [json.loads(l) for l in open(gold_path, encoding="utf-8") if l.strip()]
    paths = sorted(os.path.join(seed_dir, f) for f in os.listdir(seed_dir)
                   if f.endswith(".txt"))
    docs = parse(build, paths)
    n_ok = n_bad = 0
    for g in gold:
        d = docs.get(g["doc"])
        if d is None:
            print("seed %s: not parsed" % g["doc"])
            n_bad += 1
            continue
        body = [s["text"] for s in d.get("sentences", [])]
        checks = []
        for field in ("title", "outlet", "author", "published", "dateline",
                      "reference_date"):
            if field in g:
                checks.append((field, d.get(field), g[field],
                               d.get(field) == g[field]))
        if "body_starts" in g:
            got = body[0][:len(g["body_starts"]) + 20] if body else None
            checks.append(("body_starts", got, g["body_starts"],
                           bool(body) and body[0].startswith(g["body_starts"])))
        if "body_ends" in g:
            got = body[-1][-len(g["body_ends"]) - 20:] if body else None
            checks.append(("body_ends", got, g["body_ends"],
                           bool(body) and body[-1].endswith(g["body_ends"])))
        if "boilerplate" in g:
            left = [b for b in g["boilerplate"]
                    if any(b in s for s in body) or b in (d.get("title") or "")]
            checks.append(("boilerplate", left, [], not left))
        if "captions" in g:
            n = len(d.get("captions", []))
            checks.append(("captions", n, g["captions"], n == g["captions"]))
        for field, got, want, ok in checks:
            if ok:
                n_ok += 1
            else:
                n_bad += 1
                print("seed %s: %s is %r, want %r" % (g["doc"], field, got, want))
    print("seeds: %d of %d fields match (%d articles)" %
          (n_ok, n_ok + n_bad, len(gold)))
    return n_ok, n_bad


def check_raw(build, shared, verbose):
    raw_dir = os.path.join(shared, "corpus", "raw")
    index_path = os.path.join(raw_dir, "index.jsonl")
    if not os.path.exists(index_path):
        print("raw: skipped (no corpus/raw/index.jsonl)")
        return
    entries = [json.loads(l) for l in open(index_path, encoding="utf-8")
               if l.strip()]
    entries = [e for e in entries if e["file"].endswith(".txt")]
    paths = [os.path.join(shared, "corpus", e["file"]) for e in entries]
    docs = parse(build, paths)
    totals = {}
    for e in entries:
        doc_id = os.path.basename(e["file"])[:-4]
        d = docs.get(doc_id)
        raw = open(os.path.join(shared, "corpus", e["file"]),
                   encoding="utf-8", errors="replace").read()
        body = [s["text"] for s in d.get("sentences", [])] if d else []
        for m in e.get("markers") or []:
            t = totals.setdefault(m, [0, 0, 0])
            n_raw = raw.count(m)
            n_left = sum(s.count(m) for s in body)
            t[0] += n_raw
            t[1] += n_left
            t[2] += 1 if n_left else 0
            if verbose and n_left:
                for s in body:
                    if m in s:
                        print("  %s: %s: %s" % (doc_id, m, s[:160]))
    all_raw = sum(t[0] for t in totals.values())
    all_left = sum(t[1] for t in totals.values())
    print("raw: %d files; boilerplate markers in the raw text %d, left in "
          "body sentences %d (%.1f%%)" %
          (len(entries), all_raw, all_left,
           100.0 * all_left / all_raw if all_raw else 0.0))
    print("  %-34s %6s %6s %6s" % ("marker", "raw", "left", "files"))
    for m in sorted(totals, key=lambda k: -totals[k][0]):
        t = totals[m]
        print("  %-34s %6d %6d %6d" % (m, t[0], t[1], t[2]))


def main():
    args = [a for a in sys.argv[1:] if not a.startswith("-")]
    verbose = "-v" in sys.argv[1:]
    build = args[0] if args else "build"
    shared = args[1] if len(args) > 1 else "../shared"
    if not os.path.isdir(shared):
        print("skipped: %s not found" % shared)
        return 0
    _, n_bad = check_seeds(build, shared)
    check_raw(build, shared, verbose)
    return 1 if n_bad else 0


if __name__ == "__main__":
    sys.exit(main())
