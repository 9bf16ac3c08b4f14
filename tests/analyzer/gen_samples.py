#!/usr/bin/env python3
"""Builds the sample journals of tests/analyzer/data from the rule catalogue.

Each journal comes with its expected classification, written by this script
from what it put in (not from the analyzer):
  NAME.expected  line<TAB>severity<TAB>code for every line that is a warning or worse
  NAME.summary   run<TAB>n<TAB>STATUS[<TAB>interrupted] and blocked<TAB>ENTITY<TAB>KEY
Deterministic (fixed seed): `gen_samples.py OUTDIR` rewrites the same bytes.
`gen_samples.py --bench FORMAT MIB OUT` writes a large journal for bench/analyze.sh.
"""
import json
import os
import random
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
RULES = os.path.join(ROOT, "analyzer", "rules", "catalogue.rules")
TESTS = os.path.join(ROOT, "analyzer", "rules", "catalogue.tests")
ERROR_CODES = os.path.join(ROOT, "engine", "include", "liaison", "error_codes.h")
# Severity of the library's codes by exit class (docs/analyzer.md), written
# here independently of analyzer/an_libcodes.c, plus its per-code overrides.
EXIT_SEVERITY = {"LIA_EXIT_OK": "info", "LIA_EXIT_FINDINGS": "warning", "LIA_EXIT_CONNECT": "transient",
                 "LIA_EXIT_BUSY": "transient", "LIA_EXIT_AUTH": "fatal", "LIA_EXIT_INTERNAL": "fatal"}
CODE_SEVERITY = {"LIA_E_DEADLOCK": "transient", "LIA_E_ENCRYPTION": "error", "LIA_E_TLS": "error"}
LEVEL = {"info": "INFO", "warning": "WARN", "transient": "TRANSIENT", "error": "ERROR", "fatal": "FATAL"}
SAGE_LEVEL = {"info": "INFO", "warning": "ALERTE", "transient": "ALERTE", "error": "ERREUR", "fatal": "ERREUR"}


def load_catalogue():
    rules, code = {}, None
    with open(RULES, encoding="utf-8") as f:
        for line in f:
            line = line.strip()
            if line.startswith("[") and line.endswith("]"):
                code = line[1:-1]
                rules[code] = {"severity": None, "entity": "-"}
            elif code and "=" in line and not line.startswith("#"):
                k, v = (x.strip() for x in line.split("=", 1))
                if k in ("severity", "entity"):
                    rules[code][k] = v
    samples = {}
    with open(TESTS, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if not line or line.startswith("#") or "\t" not in line:
                continue
            c, msg = line.split("\t", 1)
            samples.setdefault(c, []).append(msg)
    # The library's own codes, as Liaison's commands journal them: the
    # table's French message, then the quoted subject.
    with open(ERROR_CODES, encoding="utf-8") as f:
        for m in re.finditer(r'^LIA_ERR\((\w+), (\w+), "([^"]*)"', f.read(), re.M):
            name, exit_code, fr = m.groups()
            sev = CODE_SEVERITY.get(name, EXIT_SEVERITY.get(exit_code, "error"))
            rules[name] = {"severity": sev, "entity": "SESSION", "library": True}
            samples[name] = ["%s '127.0.0.1:1433'" % fr]
    return rules, samples


def esc(s):
    return s.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n")


class Native:
    """The Liaison journal: tab-separated fields (shared/reference/journal-format.md)."""

    def __init__(self, rng, rules, samples):
        self.rng, self.rules, self.samples = rng, rules, samples
        self.lines, self.expected, self.summary = [], [], []
        self.runs = 0

    def ts(self, day, sec):
        h, m, s = 8 + sec // 3600, (sec // 60) % 60, sec % 60
        return "2026-03-%02dT%02d:%02d:%02d.%03d+01:00" % (day, h, m, s, self.rng.randrange(1000))

    def add(self, t, level, run, seq, entity, op, key, code, status, msg, extra="", sev=None, ecode=None):
        m = re.fullmatch(r"CT_Num:CLI(\d{4})", key)
        crm = "comp:%d" % (1000 + int(m.group(1))) if m else "-"
        line = "\t".join([t, level, run, str(seq), "CRM>ERP" if entity in ("TIERS", "CONTACT", "ADRESSE") else "-",
                          entity, op, crm if entity != "RUN" else "-", key, code, status, esc(msg)])
        if extra:
            line += "\t" + extra
        self.lines.append(line)
        if sev in ("warning", "transient", "error", "fatal"):
            self.expected.append("%d\t%s\t%s" % (len(self.lines), sev, ecode))

    def run(self, day, events, end=True, status_override=None):
        """events: list of (entity, op, key, code-or-None-for-pattern, sample code, level-sev)."""
        self.runs += 1
        rid = "R202603%02d-080000-%04d" % (day, self.runs)
        seq, sec = 1, 0
        self.add(self.ts(day, sec), "INFO", rid, seq, "RUN", "START", "-", "-", "EN_COURS", "Début de la synchronisation")
        warn = err = 0
        for ent, op, key, code_field, scode in events:
            seq += 1
            sec += self.rng.randrange(1, 40)
            if scode is None:
                self.add(self.ts(day, sec), "INFO", rid, seq, ent, op, key, "-", "SUCCES", "Enregistrement synchronisé")
                continue
            sev = self.rules[scode]["severity"] if scode != "?" else "error"
            msg = self.rng.choice(self.samples[scode]) if scode != "?" else \
                "Widget frobnication failed on shard %d" % self.rng.randrange(100)
            lvl = LEVEL[sev]
            warn += sev in ("warning", "transient")
            err += sev in ("error", "fatal")
            st = "ECHEC" if sev in ("error", "fatal") else "AVERTISSEMENT"
            self.add(self.ts(day, sec), lvl, rid, seq, ent, op, key, scode if code_field else "-", st, msg,
                     "retry=1" if sev == "transient" else "", sev, scode)
            if sev in ("error", "fatal") and self.rng.random() < 0.5:
                self.lines.append("\tpayload: {\"CT_Num\": \"%s\"}" % key.split(":")[-1])
        status = "ECHEC" if err else "AVERTISSEMENT" if warn else "SUCCES"
        if status_override:
            status = status_override
        if end:
            seq += 1
            sec += 5
            self.add(self.ts(day, sec), "INFO", rid, seq, "RUN", "END", "-", "-", status,
                     "Fin de la synchronisation",
                     "read=%d\tcreated=0\tupdated=%d\tdeleted=0\twarn=%d\terr=%d\ttransient=0\tskipped=0"
                     % (len(events), len(events) - err, warn, err))
            self.summary.append("run\t%d\t%s" % (self.runs, status))
        else:
            self.summary.append("run\t%d\tECHEC\tinterrupted" % self.runs)


def build_native(rng, rules, samples):
    j = Native(rng, rules, samples)
    key = lambda n: "CT_Num:CLI%04d" % n
    # Run 1: success.
    j.run(1, [("TIERS", "UPDATE", key(i), False, None) for i in range(1, 6)])
    # Run 2: warnings only (codes written by Liaison, and lines classified by pattern).
    j.run(2, [("TIERS", "UPDATE", key(1), True, "ERP-TIERS-0107"),
              ("CONTACT", "UPDATE", "CT_Num:CLI0002/CT_No:3", False, "ERP-MAIL-0501"),
              ("SESSION", "PULL", "-", True, "NET-0002"),
              ("TIERS", "UPDATE", key(3), False, None)])
    # Run 3: failure; CLI0042 and CLI0043 end blocked, CLI0044 recovers inside the run.
    codes = [c for c in sorted(samples) if c != "-" and rules[c]["severity"] in ("error",)
             and not rules[c].get("library")]   # code-only rules: no pattern to match
    ev = [("TIERS", "CREATE", key(42), True, "ERP-TIERS-0101"),
          ("TIERS", "CREATE", key(43), False, "ERP-TIERS-0110"),
          ("TIERS", "UPDATE", key(44), True, "ERP-LOCK-0001"),
          ("TIERS", "UPDATE", key(44), False, None),
          ("ADRESSE", "CREATE", "CT_Num:CLI0045/LI_No:2", True, "ERP-ADR-0302"),
          ("SESSION", "PULL", "-", False, "?"),
          ("SESSION", "PULL", "-", False, "?")]
    for c in codes:
        ev.append(("TIERS", "UPDATE", key(100 + codes.index(c)), rng.random() < 0.5, c))
    j.run(3, ev)
    # Run 4 (later): CLI0042 succeeds, which clears it; CLI0045's address too.
    j.run(4, [("TIERS", "UPDATE", key(42), False, None),
              ("ADRESSE", "UPDATE", "CT_Num:CLI0045/LI_No:2", False, None),
              ("TIERS", "UPDATE", key(7), True, "ERP-TIERS-0104")])
    # Run 5: crashes (no RUN END) after a fatal session error; CLI0050 blocked.
    j.run(5, [("TIERS", "CREATE", key(50), True, "ERP-TIERS-0102"),
              ("SESSION", "LOGON", "-", False, "SQL-18456")], end=False)
    # Run 6: `liaison replicate`/`install` failing with the library's own codes.
    j.run(6, [("SESSION", "LOGON", "-", True, "LIA_E_CONNECT"),
              ("SESSION", "LOGON", "-", True, "LIA_E_LOGIN"),
              ("SESSION", "INSTALL", "-", True, "LIA_E_SCHEMA_VERSION"),
              ("SESSION", "PULL", "-", True, "LIA_E_DEADLOCK"),
              ("SESSION", "VERIFY", "-", True, "LIA_E_DRIFT")])
    blocked = {("TIERS", key(43)), ("TIERS", key(50))}
    for c in codes:
        blocked.add(("TIERS", key(100 + codes.index(c))))
    j.summary += ["blocked\t%s\t%s" % b for b in sorted(blocked)]
    return j


def build_sage(rng, rules, samples):
    lines, expected, summary = [], [], []
    runs = 0

    def run(day, items, end_text):
        nonlocal runs
        runs += 1
        sec = 0
        t = lambda s: "%02d/03/2026 %02d:%02d:%02d" % (day, 9 + s // 3600, (s // 60) % 60, s % 60)
        lines.append("%s INFO    Début du traitement : synchronisation des tiers" % t(sec))
        worst = "SUCCES"
        for ent, key, code in items:
            sec += rng.randrange(1, 30)
            if code is None:
                lines.append("%s INFO    %s %s : mis à jour" % (t(sec), ent, key))
                continue
            sev = rules[code]["severity"]
            lines.append("%s %-7s %s %s : %s" % (t(sec), SAGE_LEVEL[sev], ent, key, rng.choice(samples[code])))
            expected.append("%d\t%s\t%s" % (len(lines), sev, code))
            if sev in ("error", "fatal"):
                worst = "ECHEC"
                lines.append("        CT_Num = %s" % key)
                lines.append("        CT_Intitule = Bijouterie %s" % key[-4:])
            elif worst == "SUCCES":
                worst = "AVERTISSEMENT"
        if end_text:
            lines.append("%s INFO    Enregistrements lus : %d, rejetés : %d" % (t(sec + 1), len(items), 0))
            lines.append("%s INFO    Fin du traitement : %s" % (t(sec + 2), end_text))
            if "interrompu" in end_text:
                worst = "ECHEC"
            summary.append("run\t%d\t%s" % (runs, worst))
        else:
            summary.append("run\t%d\tECHEC\tinterrupted" % runs)

    run(4, [("Tiers", "CLI0001", None), ("Tiers", "CLI0002", "ERP-TIERS-0107")], "terminé normalement")
    run(5, [("Tiers", "CLI0042", "ERP-TIERS-0101"), ("Contact", "CLI0002/3", "ERP-MAIL-0501"),
            ("Tiers", "CLI0043", "ERP-REF-0203")], "terminé normalement")
    run(6, [("Tiers", "CLI0042", None), ("Tiers", "CLI0044", "ERP-TIERS-0106")], "")
    summary += ["blocked\tTiers\tCLI0043", "blocked\tTiers\tCLI0044"]
    return lines, expected, summary


def build_generic(rng, rules, samples):
    lines, expected = [], []
    codes = ["NET-0001", "NET-0002", "SQL-208", "SOAP-0001", "SOAP-0002", "SQL-1205", "MAP-0001"]
    sec = 0
    for i in range(40):
        sec += rng.randrange(1, 200)
        t = "2026-03-07T%02d:%02d:%02d.%03dZ" % (10 + sec // 3600, (sec // 60) % 60, sec % 60, rng.randrange(1000))
        if i % 4 == 3:
            code = codes[(i // 4) % len(codes)]
            sev = rules[code]["severity"]
            lvl = {"warning": "WARN", "transient": "WARN", "error": "ERROR", "fatal": "FATAL"}[sev]
            lines.append("%s [%s] %s" % (t, lvl, rng.choice(samples[code])))
            expected.append("%d\t%s\t%s" % (len(lines), sev, code))
            if sev == "error":
                lines.append("    at Liaison.Connector.Send(Request r)")
        else:
            lines.append("%s INFO connector heartbeat ok, queue=%d" % (t, rng.randrange(50)))
    worst = "ECHEC"
    return lines, expected, ["run\t1\t%s" % worst]


def build_jsonl(rng, rules, samples):
    lines, expected = [], []
    run = "R20260308-080000-0001"
    lines.append(json.dumps({"timestamp": "2026-03-08T08:00:00.000+01:00", "level": "INFO", "run": run,
                             "entity": "RUN", "status": "EN_COURS", "message": "Début de la synchronisation"},
                            ensure_ascii=False))
    for i, code in enumerate(["ERP-TIERS-0107", "ERP-REF-0205", "NET-0001", "ERP-ADR-0306"]):
        sev = rules[code]["severity"]
        lines.append(json.dumps({"timestamp": "2026-03-08T08:00:%02d.000+01:00" % (i + 1), "level": LEVEL[sev],
                                 "run": run, "entity": "TIERS", "key": "CT_Num:CLI%04d" % (60 + i),
                                 "message": rng.choice(samples[code]), "extra": {"attempt": [1, 2]}},
                                ensure_ascii=False))
        expected.append("%d\t%s\t%s" % (len(lines), sev, code))
    lines.append(json.dumps({"timestamp": "2026-03-08T08:00:09.000+01:00", "level": "INFO", "run": run,
                             "entity": "RUN", "status": "ECHEC", "message": "Fin de la synchronisation"},
                            ensure_ascii=False))
    return lines, expected, ["run\t1\tECHEC", "blocked\tTIERS\tCT_Num:CLI0061"]


def write(outdir, name, lines, expected, summary):
    with open(os.path.join(outdir, name), "w", encoding="utf-8", newline="\n") as f:
        f.write("\n".join(lines) + "\n")
    base = name.rsplit(".", 1)[0]
    with open(os.path.join(outdir, base + ".expected"), "w", encoding="utf-8") as f:
        f.write("\n".join(expected) + "\n")
    with open(os.path.join(outdir, base + ".summary"), "w", encoding="utf-8") as f:
        f.write("\n".join(summary) + "\n")


def bench(fmt, mib, out):
    """A large journal: mostly INFO traffic with about 3 % conditions, as real ones."""
    rng = random.Random(7)
    rules, samples = load_catalogue()
    codes = [c for c in sorted(samples) if c != "-" and not rules[c].get("library")]
    block = []
    for i in range(20000):
        t = "2026-03-%02dT%02d:%02d:%02d.%03d+01:00" % (1 + i // 8000, 8 + (i // 600) % 12, (i // 10) % 60,
                                                        i % 60, i % 1000)
        cond = rng.random() < 0.03
        code = rng.choice(codes) if cond else None
        sev = rules[code]["severity"] if code else "info"
        key = "CT_Num:CLI%04d" % rng.randrange(20000)
        msg = rng.choice(samples[code]) if code else rng.choice(
            ["Enregistrement synchronisé", "Tiers mis à jour", "Lecture du lot suivant", "Contact créé"])
        if fmt == "liaison":
            block.append("\t".join([t, LEVEL[sev], "RUN_ID", str(i + 2), "CRM>ERP", "TIERS", "UPDATE",
                                    "comp:%d" % i, key, code if code and rng.random() < 0.7 else "-",
                                    "ECHEC" if sev in ("error", "fatal") else "SUCCES", msg]))
        elif fmt == "sage":
            block.append("%s/%s/%s %s %-7s Tiers %s : %s" % (t[8:10], t[5:7], t[0:4], t[11:19], SAGE_LEVEL[sev],
                                                             key[7:], msg))
        elif fmt == "generic":
            block.append("%s %s %s" % (t, LEVEL[sev], msg))
        else:
            block.append(json.dumps({"timestamp": t, "level": LEVEL[sev], "entity": "TIERS", "key": key,
                                     "message": msg}, ensure_ascii=False))
    text = "\n".join(block) + "\n"
    target = mib << 20
    n = 0
    with open(out, "w", encoding="utf-8") as f:
        written = 0
        while written < target:
            n += 1
            rid = "R20260301-080000-%04d" % (n % 10000)
            chunk = text.replace("RUN_ID", rid)
            if fmt == "liaison":
                chunk = ("2026-03-01T08:00:00.000+01:00\tINFO\t%s\t1\t-\tRUN\tSTART\t-\t-\t-\tEN_COURS\tDébut\n" % rid
                         + chunk +
                         "2026-03-03T20:00:00.000+01:00\tINFO\t%s\t20002\t-\tRUN\tEND\t-\t-\t-\tECHEC\tFin\n" % rid)
            f.write(chunk)
            written += len(chunk.encode("utf-8"))


def main():
    if len(sys.argv) == 5 and sys.argv[1] == "--bench":
        bench(sys.argv[2], int(sys.argv[3]), sys.argv[4])
        return
    outdir = sys.argv[1] if len(sys.argv) > 1 else os.path.join(HERE, "data")
    os.makedirs(outdir, exist_ok=True)
    rng = random.Random(20260304)
    rules, samples = load_catalogue()
    j = build_native(rng, rules, samples)
    write(outdir, "liaison.log", j.lines, j.expected, j.summary)
    write(outdir, "sage.log", *build_sage(rng, rules, samples))
    write(outdir, "generic.log", *build_generic(rng, rules, samples))
    write(outdir, "sample.jsonl", *build_jsonl(rng, rules, samples))


if __name__ == "__main__":
    main()
