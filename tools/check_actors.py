#!/usr/bin/env python3
"""check_actors.py -- checks kabar's actor dictionaries (data/actors/).

Usage:
    python3 tools/check_actors.py [--data DIR] [--cameo DIR] [-q]

--data DIR   folder holding the actor files (default: data/actors next to
             this script's parent folder)
--cameo DIR  folder with the CAMEO reference tables (e.g. ../shared/data/cameo).
             With it, every country code is looked up in
             cameo_country_codes.tsv, every role/region code in
             cameo_role_and_region_codes.tsv, and IGO/NGO/IMG codes in the
             PETRARCH2 Phoenix dictionaries.  Without it only the format is
             checked, so the script works in a bare checkout.
-q           print only errors and the summary

Format rules are described in docs/DATA.md ("Actor dictionaries").  Prints one
PASS/FAIL line per (file, check), every error as FILE:LINE: message, then
"N passed, N failed".  Exits 1 when any check failed, 2 on bad usage.

Standard library only.  Licence: MIT (same as kabar).
"""
import argparse
import datetime
import os
import re
import sys

MAGIC = "# kabar-actors 1"

# Role codes of CAMEO manual tables 3.1 and 3.2 plus PTY (section 3.1.4),
# used when --cameo is not given.  With --cameo the table is read instead.
BUILTIN_ROLES = set("""
COP GOV INS JUD MIL OPP REB SEP SPY UAF AGR BUS CRM CVL DEV EDU ELI ENV HLH
HRI LAB LEG MED REF MOD RAD IGO IMG INT MNC NGM NGO UIS PTY""".split())
BUILTIN_REGIONS = set("""
AFR ASA BLK CRB CAU CFR CAS CEU EIN EAF EEU EUR LAM MEA MDT NAF NMR PGS SCN
SAM SAS SEA SAF WAF WST""".split())

# Country codes that CAMEO's table 9.1 lacks but kabar needs.  Each must be
# attested in another CAMEO/PETRARCH file, which --cameo verifies.
EXTRA_COUNTRIES = {
    "TWN": "cameo_keds_actor_codes.tsv (KEDS table 7.1: TWN Taiwan)",
    "KSV": "petrarch2/Phoenix.Countries.actors.txt (KOSOVO [KSV])",
    "SSD": "petrarch2/Phoenix.Countries.actors.txt (SOUTH_SUDAN [SSD >20110709])",
}

# Leading 3-letter blocks that are not countries.
NONSTATE_HEADS = {"IGO", "NGO", "IMG", "NGM", "MNC", "INT", "UIS"}

# Surnames too common to be listed alone as a person's alias.
AMBIGUOUS_ALIASES = set("""
Kim Lee Li Wang Zhang Liu Chen Park Choi Moon Yoon Han Khan Ali Abbas Ahmed
Ahmad Mohammed Muhammad Mohamed Hassan Hussein Singh Sharif Nguyen Tran Le
Bin Al Abdullah Salman Anwar Marcos Duterte Bush Clinton Kennedy Johnson
Medvedev Albanese Katz Gallant Bolton Akar Abe Retno Tito Puan Airlangga""".split())

FILES = ["countries.txt", "domestic_idn.txt", "orgs.txt", "people.txt",
         "agents.txt"]
KINDS = {
    "countries.txt": {"name", "abbr", "capital", "seat", "adj", "org",
                      "region", "territory"},
    "domestic_idn.txt": {"org"},
    "orgs.txt": {"igo", "ngo", "group", "media"},
}
CODE_RE = re.compile(r"^(?:[A-Z]{3})+$")
DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


class Line:
    """One non-comment line: fields (comment removed), whether a trailing
    comment was present, and its 1-based number."""

    def __init__(self, num, raw, fields, commented):
        self.num = num
        self.raw = raw
        self.fields = fields
        self.commented = commented


class Report:
    def __init__(self, quiet):
        self.quiet = quiet
        self.passed = 0
        self.failed = 0

    def check(self, fname, what, errors, detail=""):
        if errors:
            self.failed += 1
            print("FAIL %-18s %s (%d error%s)" % (fname, what, len(errors),
                                                  "" if len(errors) == 1 else "s"))
            for e in errors:
                print("  " + e)
        else:
            self.passed += 1
            if not self.quiet:
                print("PASS %-18s %s%s" % (fname, what,
                                           (" (" + detail + ")") if detail else ""))


def read_lines(path, fname, errors):
    """Returns (header_comment_lines, [Line]) and appends format errors."""
    with open(path, "rb") as f:
        data = f.read()
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as e:
        errors.append("%s: not valid UTF-8 (%s)" % (fname, e))
        text = data.decode("utf-8", "replace")
    if text.startswith("\ufeff"):
        errors.append("%s:1: byte-order mark not allowed" % fname)
        text = text[1:]
    if "\r" in text:
        errors.append("%s: CR characters (use LF line ends)" % fname)
    if text and not text.endswith("\n"):
        errors.append("%s: last line lacks a newline" % fname)
    header = []
    in_header = True
    out = []
    for num, raw in enumerate(text.split("\n")[:-1] if text.endswith("\n")
                              else text.split("\n"), 1):
        if raw.startswith("#"):
            if in_header:
                header.append(raw)
            continue
        in_header = False
        if raw.strip() == "":
            if raw != "":
                errors.append("%s:%d: whitespace-only line" % (fname, num))
            continue
        commented = False
        body = raw
        hash_at = raw.find("#")
        if hash_at >= 0:
            commented = True
            body = raw[:hash_at]
            if body and body[-1] not in " \t":
                errors.append("%s:%d: '#' must follow a space or TAB (a surface "
                              "may not contain '#')" % (fname, num))
            body = body.rstrip(" \t")
        if body != body.rstrip(" \t") or body != body.lstrip(" \t"):
            errors.append("%s:%d: leading or trailing blanks" % (fname, num))
        out.append(Line(num, raw, body.split("\t"), commented))
    return header, out


def check_header(fname, header):
    errs = []
    if not header or header[0].rstrip() != MAGIC:
        errs.append("%s:1: first line must be '%s'" % (fname, MAGIC))
    joined = "\n".join(header)
    if not re.search(r"\bLicen[cs]e:?\s+MIT\b", joined):
        errs.append("%s: header must state 'Licence: MIT'" % fname)
    if not re.search(r"\bSource:", joined):
        errs.append("%s: header must state 'Source:'" % fname)
    if len(header) < 3:
        errs.append("%s: header must say what the file holds" % fname)
    return errs


def field_problems(fname, ln, idx, value):
    """Blank/space problems of one field."""
    if value == "":
        return ["%s:%d: field %d is empty" % (fname, ln.num, idx + 1)]
    p = []
    if value != value.strip(" "):
        p.append("%s:%d: field %d has leading/trailing spaces" % (fname, ln.num, idx + 1))
    if "  " in value:
        p.append("%s:%d: field %d has a double space" % (fname, ln.num, idx + 1))
    return p


class Codes:
    """Known codes; strict when CAMEO tables were loaded."""

    def __init__(self):
        self.strict = False
        self.countries = None
        self.roles = set(BUILTIN_ROLES)
        self.regions = set(BUILTIN_REGIONS)
        self.phoenix_codes = None  # set of IGO/NGO/IMG... codes seen in Phoenix

    def load(self, cameo, errors):
        def tsv(name):
            path = os.path.join(cameo, name)
            rows = []
            with open(path, encoding="utf-8", errors="replace") as f:
                for i, line in enumerate(f):
                    if i == 0:
                        continue
                    parts = line.rstrip("\n").split("\t")
                    if parts and parts[0]:
                        rows.append(parts)
            return rows
        try:
            self.countries = {r[0] for r in tsv("cameo_country_codes.tsv")}
            roles = tsv("cameo_role_and_region_codes.tsv")
            self.roles = {r[0] for r in roles if len(r) > 1 and "region" not in r[1]}
            self.roles.add("PTY")  # CAMEO manual 3.1.4, absent from table 3.1
            self.regions = {r[0] for r in roles if len(r) > 1 and "region" in r[1]}
            keds = {r[0] for r in tsv("cameo_keds_actor_codes.tsv")}
        except OSError as e:
            errors.append("--cameo: %s" % e)
            return
        phx = set()
        pdir = os.path.join(cameo, "petrarch2")
        for name in ("Phoenix.International.actors.txt",
                     "Phoenix.MilNonState.actors.txt",
                     "Phoenix.Countries.actors.txt"):
            try:
                with open(os.path.join(pdir, name), encoding="latin-1") as f:
                    for line in f:
                        for m in re.finditer(r"\[\s*([A-Z]{3,})\b", line.split("#")[0]):
                            phx.add(m.group(1))
            except OSError as e:
                errors.append("--cameo: %s" % e)
        self.phoenix_codes = phx
        for code, where in sorted(EXTRA_COUNTRIES.items()):
            if code not in keds and code not in phx:
                errors.append("--cameo: extra country %s not attested (%s)" % (code, where))
        self.strict = True

    def country_ok(self, c):
        if not self.strict:
            return True
        return c in self.countries or c in EXTRA_COUNTRIES

    def explain(self, code, commented):
        """Returns an error string or None for a full actor code."""
        if not CODE_RE.match(code):
            return "code %r is not a sequence of 3-letter upper-case blocks" % code
        blocks = [code[i:i + 3] for i in range(0, len(code), 3)]
        head, rest = blocks[0], blocks[1:]
        if head in NONSTATE_HEADS:
            # Blocks after the head mix regions, roles and organisation
            # tags (IGO SEA ASN, IGO UNO HLH WHO): they cannot be checked one
            # by one, so the whole code must be Phoenix's or be explained.
            if self.strict and len(blocks) > 1 and not commented \
                    and code not in self.phoenix_codes:
                return ("%s is not in the Phoenix dictionaries; explain the "
                        "chosen code in a trailing comment" % code)
            return None
        if head in self.regions:
            bad = [b for b in rest if b not in self.roles]
            if bad:
                return "unknown role code %s in %s" % (bad[0], code)
            return None
        if not CODE_RE.match(head) or not self.country_ok(head):
            return "unknown country code %s in %s" % (head, code)
        bad = [b for b in rest if b not in self.roles]
        if bad:
            return "unknown role code %s in %s" % (bad[0], code)
        return None


def parse_date(s):
    if not DATE_RE.match(s):
        return None
    try:
        return datetime.date(int(s[:4]), int(s[5:7]), int(s[8:10]))
    except ValueError:
        return None


def check_surface_file(fname, lines, codes, report, surface_map):
    fmt, code_errs, dup = [], [], []
    kinds = KINDS[fname]
    seen = {}
    n = 0
    for ln in lines:
        f = ln.fields
        if len(f) != 3:
            fmt.append("%s:%d: expected 3 TAB-separated fields CODE KIND SURFACE, "
                       "got %d" % (fname, ln.num, len(f)))
            continue
        n += 1
        for i, v in enumerate(f):
            fmt.extend(field_problems(fname, ln, i, v))
        code, kind, surface = f
        if kind not in kinds:
            fmt.append("%s:%d: KIND %r not one of %s" % (fname, ln.num, kind,
                                                         ", ".join(sorted(kinds))))
        why = codes.explain(code, ln.commented)
        if why:
            code_errs.append("%s:%d: %s" % (fname, ln.num, why))
        else:
            head = code[:3]
            if kind == "region" and head not in codes.regions:
                code_errs.append("%s:%d: region line needs a region code, got %s"
                                 % (fname, ln.num, code))
            if kind != "region" and head in codes.regions:
                code_errs.append("%s:%d: region code %s on a %s line"
                                 % (fname, ln.num, code, kind))
            if kind == "igo" and head != "IGO":
                code_errs.append("%s:%d: igo line needs an IGO... code" % (fname, ln.num))
            if kind == "ngo" and head != "NGO":
                code_errs.append("%s:%d: ngo line needs an NGO... code" % (fname, ln.num))
            if kind == "media" and not code.endswith("MED"):
                code_errs.append("%s:%d: media line needs a ...MED code" % (fname, ln.num))
            if fname == "domestic_idn.txt" and head != "IDN":
                code_errs.append("%s:%d: domestic_idn.txt holds IDN codes only"
                                 % (fname, ln.num))
            if kind in ("name", "abbr", "capital", "adj", "territory") \
                    and len(code) != 3:
                code_errs.append("%s:%d: a %s line takes a bare country code, "
                                 "got %s" % (fname, ln.num, kind, code))
            if kind in ("seat", "org") and len(code) == 3:
                code_errs.append("%s:%d: a %s line needs a role (e.g. %sGOV), "
                                 "got %s" % (fname, ln.num, kind, code, code))
        key = (code, kind, surface)
        if key in seen:
            dup.append("%s:%d: duplicate of line %d" % (fname, ln.num, seen[key]))
        else:
            seen[key] = ln.num
        if "|" in surface:
            fmt.append("%s:%d: '|' not allowed in a surface" % (fname, ln.num))
        surface_map.setdefault(surface, []).append((fname, ln, code))
    report.check(fname, "format", fmt, "%d entries" % n)
    report.check(fname, "codes" + (" (CAMEO/Phoenix)" if codes.strict else
                                   " (shape only)"), code_errs)
    report.check(fname, "no duplicate lines", dup)


def check_surface_conflicts(surface_map, report):
    errs = []
    for surface, uses in sorted(surface_map.items()):
        codeset = {c for _, _, c in uses}
        if len(codeset) > 1 and not all(ln.commented for _, ln, _ in uses):
            where = ", ".join("%s:%d=%s" % (fn, ln.num, c) for fn, ln, c in uses)
            errs.append("surface %r maps to several codes without a comment on "
                        "every line: %s" % (surface, where))
    report.check("countries+orgs", "one code per surface", errs)


def check_people(fname, lines, codes, report):
    fmt, code_errs, date_errs, alias_errs = [], [], [], []
    persons = []  # (at_line, names, [(Line, code, from, to)])
    cur = None
    for ln in lines:
        f = ln.fields
        if f[0].startswith("@"):
            if len(f) != 1:
                fmt.append("%s:%d: '@' line must not contain TABs" % (fname, ln.num))
            if ln.commented:
                # the loader splits the whole line at '|': a comment would
                # become part of the last alias.  Comment on the line above.
                fmt.append("%s:%d: no '#' comment on an '@' line (put it on the "
                           "line above)" % (fname, ln.num))
            names = f[0][1:].split("|")
            for i, nm in enumerate(names):
                if nm == "" or nm != nm.strip() or "  " in nm:
                    fmt.append("%s:%d: name %d empty or badly spaced" % (fname, ln.num, i + 1))
            if len(set(names)) != len(names):
                fmt.append("%s:%d: a name is repeated" % (fname, ln.num))
            cur = (ln, names, [])
            persons.append(cur)
            continue
        if cur is None:
            fmt.append("%s:%d: role line before any '@' line" % (fname, ln.num))
            continue
        if len(f) != 4:
            fmt.append("%s:%d: expected 4 TAB-separated fields CODE FROM TO ROLE, "
                       "got %d" % (fname, ln.num, len(f)))
            continue
        for i, v in enumerate(f):
            fmt.extend(field_problems(fname, ln, i, v))
        code, dfrom, dto, _role = f
        why = codes.explain(code, ln.commented)
        if why:
            code_errs.append("%s:%d: %s" % (fname, ln.num, why))
        a = parse_date(dfrom)
        b = None if dto == "-" else parse_date(dto)
        if a is None:
            date_errs.append("%s:%d: FROM %r is not a valid YYYY-MM-DD date"
                             % (fname, ln.num, dfrom))
            continue
        if dto != "-" and b is None:
            date_errs.append("%s:%d: TO %r is not a valid date or '-'"
                             % (fname, ln.num, dto))
            continue
        if b is not None and b < a:
            date_errs.append("%s:%d: TO %s before FROM %s" % (fname, ln.num, dto, dfrom))
        if a > datetime.date(2030, 12, 31) or a < datetime.date(1900, 1, 1):
            date_errs.append("%s:%d: FROM %s out of range" % (fname, ln.num, dfrom))
        cur[2].append((ln, code, a, b))
    alias_owner = {}
    for at, names, roles in persons:
        if not roles:
            fmt.append("%s:%d: person %r has no role line" % (fname, at.num, names[0]))
        # roles in date order, and no overlap unless commented
        for prev, nxt in zip(roles, roles[1:]):
            if nxt[2] < prev[2]:
                date_errs.append("%s:%d: roles of %r not in FROM order"
                                 % (fname, nxt[0].num, names[0]))
        ordered = sorted(roles, key=lambda r: r[2])
        for i, r in enumerate(ordered):
            for s in ordered[i + 1:]:
                end = r[3]
                # a shared hand-over day is not an overlap
                if end is None or s[2] < end:
                    if not (r[0].commented or s[0].commented):
                        date_errs.append(
                            "%s:%d: role overlaps line %d of %r (add a comment if "
                            "intended)" % (fname, s[0].num, r[0].num, names[0]))
        for nm in names:
            if nm in AMBIGUOUS_ALIASES:
                alias_errs.append("%s:%d: alias %r is too ambiguous to list alone"
                                  % (fname, at.num, nm))
            if nm in alias_owner and alias_owner[nm][1] is not at:
                other = alias_owner[nm][1]
                alias_errs.append("%s:%d: alias %r also used at line %d (the "
                                  "loader keeps the first)" % (fname, at.num, nm,
                                                               other.num))
            else:
                alias_owner[nm] = (names[0], at)
    check_people.aliases = alias_owner
    n_roles = sum(len(p[2]) for p in persons)
    report.check(fname, "format", fmt, "%d people, %d role lines" % (len(persons), n_roles))
    report.check(fname, "codes" + (" (CAMEO/Phoenix)" if codes.strict else
                                   " (shape only)"), code_errs)
    report.check(fname, "dates and stints", date_errs)
    report.check(fname, "aliases", alias_errs)


def check_agents(fname, lines, codes, report):
    fmt, code_errs, dup = [], [], []
    seen = {}
    for ln in lines:
        f = ln.fields
        if len(f) != 2:
            fmt.append("%s:%d: expected 2 TAB-separated fields ROLE SURFACE, got %d"
                       % (fname, ln.num, len(f)))
            continue
        for i, v in enumerate(f):
            fmt.extend(field_problems(fname, ln, i, v))
        role, surface = f
        if surface != surface.lower():
            fmt.append("%s:%d: agent surface must be lower case" % (fname, ln.num))
        if not re.match(r"^[A-Z]{3}$", role):
            code_errs.append("%s:%d: role %r is not one 3-letter code" % (fname, ln.num, role))
        elif role not in codes.roles:
            code_errs.append("%s:%d: unknown role code %s" % (fname, ln.num, role))
        if surface in seen:
            dup.append("%s:%d: surface %r already on line %d" % (fname, ln.num, surface,
                                                                seen[surface]))
        else:
            seen[surface] = ln.num
    report.check(fname, "format", fmt, "%d entries" % len(seen))
    report.check(fname, "role codes", code_errs)
    report.check(fname, "no duplicate surfaces", dup)


def main(argv):
    here = os.path.dirname(os.path.abspath(__file__))
    ap = argparse.ArgumentParser(description="Check kabar's actor dictionaries.")
    ap.add_argument("--data", default=os.path.join(here, "..", "data", "actors"))
    ap.add_argument("--cameo", default=None,
                    help="folder with cameo_*.tsv (e.g. ../shared/data/cameo)")
    ap.add_argument("-q", "--quiet", action="store_true")
    args = ap.parse_args(argv)

    report = Report(args.quiet)
    codes = Codes()
    if args.cameo:
        errs = []
        if not os.path.isdir(args.cameo):
            errs.append("--cameo: %s is not a folder" % args.cameo)
        else:
            codes.load(args.cameo, errs)
        report.check("(cameo)", "reference tables loaded", errs)
    elif not args.quiet:
        print("note: no --cameo given; checking format only")

    surface_map = {}
    for fname in FILES:
        path = os.path.join(args.data, fname)
        if not os.path.exists(path):
            report.check(fname, "exists", ["%s: missing" % path])
            continue
        errs = []
        header, lines = read_lines(path, fname, errs)
        errs.extend(check_header(fname, header))
        report.check(fname, "encoding and header", errs)
        if fname in KINDS:
            check_surface_file(fname, lines, codes, report, surface_map)
        elif fname == "people.txt":
            check_people(fname, lines, codes, report)
        elif fname == "agents.txt":
            check_agents(fname, lines, codes, report)
    check_surface_conflicts(surface_map, report)
    aliases = getattr(check_people, "aliases", {})
    clash = ["people.txt:%d: alias %r is also a surface in %s (that entry wins)"
             % (at.num, nm, ", ".join("%s:%d" % (fn, ln.num)
                                      for fn, ln, _ in surface_map[nm]))
             for nm, (_, at) in sorted(aliases.items()) if nm in surface_map]
    report.check("people+countries", "aliases are not other surfaces", clash)

    print("%d passed, %d failed" % (report.passed, report.failed))
    return 1 if report.failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
