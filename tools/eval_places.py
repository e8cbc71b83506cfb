#!/usr/bin/env python3
"""eval_places.py EXPECTED GOLD.jsonl... -- EVENTS.jsonl -- scores the
locations of `kabar code` events against tools/eval_places.tsv (where the
required gold events that state a place happened, written for kabar).

A line of EXPECTED names gold events, not kabar's: the required events of
the gold files (GOLD.jsonl, ../shared/gold/*.events.jsonl) of that article
whose source and target codes are the line's and one of whose CAMEO codes
has one of the line's roots.  The kabar event scored for the line is the
first one (in output order) that is such a gold event by the rule the
event scorer's root level uses: same article, its sentence contains the
gold quote (case, white space, curly quotes and dashes ignored), its
actors' country parts (the first three letters) equal the gold's, and its
root is one of the line's.  So the location is judged given the event:
an actor coded finer or differently within the same country (USAGOV for
the gold's USA) does not turn a right location into a miss.

The event's `location` is right when its feature_id equals the expected
one, or, for "in:XX", when its country (FIPS) is XX.  A line no kabar event
matches counts as "not coded" (no event, no location).  Prints the share
right among the lines kabar codes, the country-level share (the location's
country equals the expected place's), and the share of all lines.  Target
(issue 10): >= 90%."""
import json
import re
import sys
import unicodedata

_PUNCT = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201a": "'",
                        "\u201c": '"', "\u201d": '"', "\u201e": '"',
                        "\u2013": "-", "\u2014": "-", "\u00a0": " "})


def norm(s):
    s = unicodedata.normalize("NFKC", s or "").translate(_PUNCT).lower()
    return re.sub(r"\s+", "", s)


def load(path):
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def main():
    args = sys.argv[1:]
    if "--" not in args or len(args) < 4:
        sys.exit(__doc__)
    cut = args.index("--")
    expected = []
    for line in open(args[0], encoding="utf-8"):
        line = line.rstrip("\n")
        if not line or line.startswith("#"):
            continue
        doc, source, target, roots, place = line.split("\t")
        expected.append((doc, source, target, roots.split(","), place))
    gold = [g for path in args[1:cut] for g in load(path) if g["required"]]
    events = [e for path in args[cut + 1:] for e in load(path)]
    for e in events:
        e["_sentence"] = norm(e.get("sentence"))

    countries = {}  # feature id -> FIPS country, from the events seen
    for e in events:
        loc = e.get("location")
        if loc:
            countries[loc["feature_id"]] = loc["country"]

    def country_part(code):
        return (code or "")[:3].upper()

    def find(doc, source, target, roots):
        golds = [g for g in gold if g["doc"] == doc and g["source"] == source
                 and g["target"] == target
                 and any(c[:2] in roots for c in g["codes"])]
        if not golds:
            sys.exit("%s: no required gold event %s %s %s %s" % (
                args[0], doc, source, target, ",".join(roots)))
        for g in golds:
            quote = norm(g["quote"])
            for e in events:
                if (e["doc"] == doc and quote in e["_sentence"]
                        and e["root"] in roots
                        and (g["source"] == "*" or country_part(
                            e["source"]["code"]) == country_part(source))
                        and (g["target"] == "*" or country_part(
                            e["target"]["code"]) == country_part(target))):
                    return e
        return None

    right = country_right = missing = 0
    for doc, source, target, roots, place in expected:
        e = find(doc, source, target, roots)
        loc = e.get("location") if e else None
        if e is None:
            missing += 1
        want_country = place[3:] if place.startswith("in:") else \
            countries.get(place, place[:2] if place.isalpha() else None)
        ok = loc is not None and (
            loc["country"] == place[3:] if place.startswith("in:")
            else loc["feature_id"] == place)
        ok_country = loc is not None and loc["country"] == want_country
        right += ok
        country_right += ok_country
        if not ok:
            print("  %s %s %s %s: want %s, got %s" % (
                doc, source, target, ",".join(roots), place,
                "no event" if e is None else "%s %s->%s %s: %s" % (
                    e["code"], e["source"]["code"], e["target"]["code"],
                    "at", (loc["feature_id"] + " " + loc["name"])
                    if loc else "none")))
    n = len(expected)
    coded = n - missing
    print("locations right %d/%d = %.1f%% of the events kabar codes "
          "(country level %d/%d = %.1f%%); %d/%d = %.1f%% of all, %d not "
          "coded" % (right, coded, 100.0 * right / max(coded, 1),
                     country_right, coded,
                     100.0 * country_right / max(coded, 1), right, n,
                     100.0 * right / n, missing))


main()
