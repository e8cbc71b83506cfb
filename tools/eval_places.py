#!/usr/bin/env python3
"""eval_places.py EXPECTED EVENTS.jsonl... -- scores the locations of
`kabar code` events against tools/eval_places.tsv (where the required gold
events that state a place happened, written for kabar).

For each expected line, the first kabar event of that article with the
same source and target codes and one of the CAMEO roots the gold accepts
is looked up; its `location`
is right when its feature_id equals the expected one, or, for "in:XX",
when its country (FIPS) is XX.  A line with no such event counts as a miss
(no event, no location).  Prints the share right, and the country-level
share (the location's country equals the expected place's).  Target
(issue 10): >= 90%."""
import json
import sys


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    expected = []
    for line in open(sys.argv[1], encoding="utf-8"):
        line = line.rstrip("\n")
        if not line or line.startswith("#"):
            continue
        doc, source, target, roots, place = line.split("\t")
        expected.append((doc, source, target, roots, place))
    events = {}
    for path in sys.argv[2:]:
        for line in open(path, encoding="utf-8"):
            e = json.loads(line)
            key = (e["doc"], e["source"]["code"], e["target"]["code"],
                   e["root"])
            events.setdefault(key, e)

    def find(doc, source, target, roots):
        for root in roots.split(","):
            e = events.get((doc, source, target, root))
            if e:
                return e
        return None
    countries = {}  # feature id -> FIPS country, from the events seen
    for e in events.values():
        loc = e.get("location")
        if loc:
            countries[loc["feature_id"]] = loc["country"]
    right = country_right = missing = 0
    for doc, source, target, root, place in expected:
        e = find(doc, source, target, root)
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
                doc, source, target, root, place,
                "no event" if e is None else
                (loc["feature_id"] + " " + loc["name"]) if loc else "none"))
    n = len(expected)
    coded = n - missing
    print("locations right %d/%d = %.1f%% of the events kabar codes "
          "(country level %d/%d = %.1f%%); %d/%d = %.1f%% of all, %d not "
          "coded" % (right, coded, 100.0 * right / max(coded, 1),
                     country_right, coded,
                     100.0 * country_right / max(coded, 1), right, n,
                     100.0 * right / n, missing))


main()
