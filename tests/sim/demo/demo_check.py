#!/usr/bin/env python3
"""Independent re-reading of an emitted demo company (T-SQL script).

Parses the INSERT statements back into rows, then re-derives, with its own
code, what the generator claims: the defects a diagnostic check would flag
(semantics of notes/contracts-diag.md) against the manifest, and the CA N /
N-1 per tiers against the oracle.  Prints the row count per table as JSON.

usage: demo_check.py SCRIPT.sql MANIFEST.json ORACLE.csv [COUNTS.json]
"""
import datetime
import json
import os
import re
import sys
from collections import defaultdict
from decimal import Decimal


def parse_script(text):
    """Returns ({table: [row dict]}, {table: [column names in DDL order]})."""
    tables, ddl = {}, {}
    for m in re.finditer(r"CREATE TABLE \[dbo\]\.\[(\w+)\] \((.*?)\n\);", text, re.S):
        cols = [unquote(c) for c in re.findall(r'^    (\[[^\]]*\]|"(?:[^"]|"")*")', m.group(2), re.M)]
        ddl[m.group(1)] = cols
    pos = 0
    head = re.compile(r"INSERT INTO \[dbo\]\.\[(\w+)\] \((.*?)\) VALUES\n")
    while True:
        m = head.search(text, pos)
        if not m:
            break
        table = m.group(1)
        cols = [unquote(c) for c in re.findall(r'\[[^\]]*\]|"(?:[^"]|"")*"', m.group(2))]
        rows, pos = parse_values(text, m.end())
        tables.setdefault(table, []).extend(dict(zip(cols, r)) for r in rows)
    return tables, ddl


def unquote(q):
    # [name] (never holding a ']') or "name" with '"' doubled.
    return q[1:-1] if q[0] == "[" else q[1:-1].replace('""', '"')


def parse_values(t, i):
    rows = []
    while True:
        assert t[i] == "(", t[i:i + 50]
        i += 1
        row = []
        while True:
            if t.startswith("N'", i) or t[i] == "'":
                i += 2 if t[i] == "N" else 1
                s = []
                while True:
                    j = t.index("'", i)
                    s.append(t[i:j])
                    if t.startswith("''", j):
                        s.append("'")
                        i = j + 2
                    else:
                        i = j + 1
                        break
                row.append("".join(s))
            elif t.startswith("NULL", i):
                row.append(None)
                i += 4
            else:
                m = re.compile(r"-?\d+(\.\d+)?").match(t, i)
                row.append(Decimal(m.group(0)) if m.group(1) else int(m.group(0)))
                i = m.end()
            if t[i] == ",":
                i += 2
                continue
            assert t[i] == ")"
            i += 1
            break
        rows.append(row)
        if t.startswith(",\n", i):
            i += 2
            continue
        assert t[i] == ";"
        return rows, i + 1


def blank(s):
    return s is None or s.strip(" ") == ""


def bad_mail(e):
    if blank(e):
        return False
    parts = e.split("@")
    return " " in e or len(parts) != 2 or "." not in parts[1]


def day(s):
    return datetime.date.fromisoformat(s[:10])


def findings(db, ddl, ref):
    out = set()
    add = lambda check, key: out.add((check, key))
    tiers = db.get("F_COMPTET", [])
    nums = {t["CT_Num"] for t in tiers}
    cust = [t for t in tiers if t["CT_Type"] == 0]
    for t in tiers:
        n, it = t["CT_Num"], t["CT_Intitule"]
        if blank(it): add("D001", n)
        elif it != it.strip(" "): add("D002", n)
        if blank(n): add("D003", n)
        else:
            if re.search(r"[a-z]", n): add("D004", n)
            if " " in n: add("D005", n)
            if re.search(r"[^A-Za-z0-9 ]", n): add("D006", n)
        if t["CT_Type"] not in (0, 1, 2, 3): add("D008", n)
        if bad_mail(t["CT_EMail"]): add("D021", n)
    addr = db.get("F_LIVRAISON", [])
    groups = defaultdict(list)
    princ = defaultdict(int)
    naddr = defaultdict(int)
    for a in addr:
        k = "%s/%d" % (a["CT_Num"], a["LI_No"])
        if blank(a["LI_Intitule"]): add("D011", k)
        else: groups[(a["CT_Num"], a["LI_Intitule"].strip(" ").lower())].append(k)
        if bad_mail(a["LI_EMail"]): add("D023", k)
        if a["CT_Num"] not in nums: add("D041", k)
        naddr[a["CT_Num"]] += 1
        princ[a["CT_Num"]] += a["LI_Principal"] == 1
    for keys in groups.values():
        if len(keys) > 1:
            for k in keys: add("D010", k)
    for t in cust:
        if naddr[t["CT_Num"]] and not princ[t["CT_Num"]]: add("D012", t["CT_Num"])
    for n, p in princ.items():
        if p >= 2 and n in nums: add("D013", n)
    for c in db.get("F_CONTACTT", []):
        k = "%s/%d" % (c["CT_Num"], c["CT_No"])
        if blank(c["CT_Nom"]) and blank(c["CT_Prenom"]): add("D020", k)
        if bad_mail(c["CT_EMail"]): add("D022", k)
        if c["CT_Num"] not in nums: add("D040", k)
    cg = {g["CG_Num"] for g in db["F_COMPTEG"]}
    collab = {c["CO_No"] for c in db["F_COLLABORATEUR"]}
    catc = db["P_CATCOMPTA"][0]
    def slot(table, col, i):
        rows = [r for r in db[table] if r["cbIndice"] == i]
        return bool(rows) and not blank(rows[0][col])
    sirets = defaultdict(list)
    for t in tiers:
        n = t["CT_Num"]
        if blank(t["CG_NumPrinc"]) or t["CG_NumPrinc"] not in cg: add("D030", n)
        elif t["CT_Type"] == 0 and not t["CG_NumPrinc"].startswith("411"): add("D031", n)
        if not blank(t["CT_NumPayeur"]) and t["CT_NumPayeur"] not in nums: add("D032", n)
        if not blank(t["CT_NumCentrale"]) and t["CT_NumCentrale"] not in nums: add("D033", n)
        if t["CO_No"] > 0 and t["CO_No"] not in collab: add("D034", n)
        if t["CT_Type"] in (0, 1):
            pre = "CA_ComptaVen" if t["CT_Type"] == 0 else "CA_ComptaAch"
            k = t["N_CatCompta"]
            if not 1 <= k <= 50 or blank(catc["%s%02d" % (pre, k)]): add("D035", n)
        if not slot("P_CATTARIF", "CT_Intitule", t["N_CatTarif"]): add("D036", n)
        if t["N_Devise"] > 0 and not slot("P_DEVISE", "D_Intitule", t["N_Devise"]): add("D037", n)
        if t["N_Risque"] > 0 and not slot("P_CRISQUE", "R_Intitule", t["N_Risque"]): add("D038", n)
        if t["CT_Type"] == 0 and not blank(t["CT_Siret"]): sirets[t["CT_Siret"]].append(n)
        if t["CT_Type"] == 0 and blank(t["CT_CodePostal"]) and blank(t["CT_Ville"]): add("D044", n)
        m = t["cbModification"]
        if m is None or day(m) > datetime.date.today(): add("D063", n)
    for ns in sirets.values():
        if len(ns) > 1:
            for n in ns: add("D043", n)
    for marq, r in enumerate(db.get("F_REGLEMENTT", []), 1):
        k = "%s/%d" % (r["CT_Num"], marq)
        if not slot("P_REGLEMENT", "R_Intitule", r["N_Reglement"]): add("D039", k)
        if r["CT_Num"] not in nums: add("D042", k)
    # Free fields and statistics.
    cols = set(ddl["F_COMPTET"])
    defs = {d["CB_Name"]: d for d in db["cbSysLibre"] if d["CB_File"] == "F_COMPTET"}
    for name in defs:
        if name not in cols: add("D050", name)
    standard = set(STANDARD)
    for c in ddl["F_COMPTET"]:
        if c not in standard and c not in defs: add("D051", c)
    enum = defaultdict(set)
    for e in db["F_ENUMLIBRECIAL"]:
        enum[e["N_Info"]].add(e["EL_Intitule"])
    stat = defaultdict(set)
    for e in db["F_ENUMSTAT"]:
        stat[e["N_Statistique"]].add(e["ES_Intitule"])
    for t in tiers:
        for name, d in defs.items():
            if d["CB_Type"] == 22 and name in t and not blank(t[name]) and t[name] not in enum[d["CB_Pos"]]:
                add("D052", "%s/%s" % (t["CT_Num"], name))
        for s in range(1, 11):
            col = "CT_Statistique%02d" % s
            if not blank(t[col]) and t[col] not in stat[s]: add("D053", "%s/%s" % (t["CT_Num"], col))
    # Exercises, documents, parameters.
    dos = db["P_DOSSIER"][0]
    ex = [(day(dos["D_DebutExo%02d" % k]), day(dos["D_FinExo%02d" % k])) for k in range(1, 6)]
    ex = [e for e in ex if e[0].year > 1900]
    bad = not any(a <= ref <= b for a, b in ex) or any(b < a for a, b in ex)
    bad = bad or any(x != y and x[0] <= y[1] and y[0] <= x[1] for x in ex for y in ex)
    if bad: add("D060", "P_DOSSIER")
    for d in db["F_DOCENTETE"]:
        if d["DO_Domaine"] != 0: continue
        k = "%d/%s" % (d["DO_Type"], d["DO_Piece"])
        if d["DO_Tiers"] not in nums: add("D061", k)
        if d["DO_Type"] in (6, 7) and day(d["DO_Date"]) > ref: add("D062", k)
    if db["P_PARAMETRECIAL"][0]["P_CodifTiers"] == 0: add("D070", "P_PARAMETRECIAL")
    return out, ex


def ca(db, ex, ref):
    cur = [e for e in ex if e[0] <= ref <= e[1]][0]
    prev = max((e for e in ex if e[1] < cur[0]), key=lambda e: e[1])
    heads = {}
    for d in db["F_DOCENTETE"]:
        if d["DO_Domaine"] == 0 and d["DO_Type"] in (6, 7):
            heads[(d["DO_Type"], d["DO_Piece"])] = d
    res = defaultdict(lambda: [Decimal(0), Decimal(0)])
    for l in db["F_DOCLIGNE"]:
        h = heads.get((l["DO_Type"], l["DO_Piece"])) if l["DO_Domaine"] == 0 else None
        if not h: continue
        amt = l["DL_MontantHT"]
        if h["DO_Provenance"] in (1, 2): amt = -abs(amt)
        dd = day(h["DO_Date"])
        if cur[0] <= dd <= cur[1]: res[h["DO_Tiers"]][0] += amt
        elif prev[0] <= dd <= prev[1]: res[h["DO_Tiers"]][1] += amt
    return res


STANDARD = []


def main():
    script, manifest, oracle = sys.argv[1:4]
    text = open(script, encoding="utf-8").read()
    db, ddl = parse_script(text)
    global STANDARD
    # Known Sage columns = the clean schema's F_COMPTET columns minus its free fields.
    sqldir = sys.argv[5] if len(sys.argv) > 5 else "sql/demo"
    clean = "".join(open(os.path.join(sqldir, f), encoding="utf-8").read()
                    for f in sorted(os.listdir(sqldir)) if f.endswith(".sql"))
    _, clean_ddl = parse_script(clean)
    free = {d["CB_Name"] for d in db["cbSysLibre"]}
    STANDARD = [c for c in clean_ddl["F_COMPTET"] if c not in free]
    m = json.load(open(manifest, encoding="utf-8"))
    ref = datetime.date.fromisoformat(m["reference_date"])
    got, ex = findings(db, ddl, ref)
    want = {(d["check"], k) for d in m["defects"] for k in d["keys"]}
    ok = True
    for x in sorted(got - want):
        print("found by re-reading, not in the manifest:", x); ok = False
    for x in sorted(want - got):
        print("in the manifest, not found by re-reading:", x); ok = False
    # Keys of the manifest are sorted by check then key.
    flat = [(d["check"], k) for d in m["defects"] for k in d["keys"]]
    if flat != sorted(flat):
        print("manifest not sorted"); ok = False
    res = ca(db, ex, ref)
    lines = open(oracle, encoding="utf-8").read().splitlines()
    if lines[0] != "CT_Num;ca_n;ca_n1":
        print("oracle header:", lines[0]); ok = False
    seen = set()
    for ln in lines[1:]:
        n, a, b = ln.split(";")
        seen.add(n)
        if not re.fullmatch(r"-?\d+\.\d\d", a) or not re.fullmatch(r"-?\d+\.\d\d", b):
            print("oracle amount format:", ln); ok = False
        r = res.get(n, [Decimal(0), Decimal(0)])
        if Decimal(a) != r[0] or Decimal(b) != r[1]:
            print("oracle differs for %s: %s %s, re-read %s %s" % (n, a, b, r[0], r[1])); ok = False
    for n, r in res.items():
        if n not in seen and (r[0] or r[1]):
            print("CA of %s missing from the oracle" % n); ok = False
    counts = {t: len(rows) for t, rows in sorted(db.items())}
    if len(sys.argv) > 4 and sys.argv[4] != "-":
        json.dump(counts, open(sys.argv[4], "w"), indent=1, sort_keys=True)
    print(json.dumps({"defects": len(want), "tiers": counts.get("F_COMPTET"),
                      "lines": counts.get("F_DOCLIGNE"), "ca_tiers": len(res)}))
    sys.exit(0 if ok else 1)


main()
