#!/usr/bin/env python3
"""Random small Liaison journals for comparing readings (tests/analyzer/test_jobs.sh).

gen_random_journal.py SEED OUT [clean]: runs interleaved or not, equal start
times, runs without RUN START, ended or not, records touched by several runs,
continuation lines, garbage, foreign and blank lines, and (unless "clean")
events without run id and run ids used twice.  Deterministic for a seed."""
import random
import sys

seed, out = int(sys.argv[1]), sys.argv[2]
clean = len(sys.argv) > 3
r = random.Random(seed)
levels = ["INFO", "INFO", "INFO", "WARN", "ERROR", "FATAL", "TRANSIENT", "DEBUG"]
msgs = ["ok", "Numéro de compte invalide : cli", "Valeur tronquée", "Gadget %d exploded" % r.randrange(3),
        "Login failed for user 'x'. (18456)", "Request timed out after 30000 ms", "Strange thing %d" % r.randrange(5)]
runs = []
for i in range(r.randrange(1, 8)):
    day = r.randrange(1, 6)
    rid = "R202601%02d-080000-%04d" % (day, r.randrange(1, 4) if r.random() < 0.3 and not clean else i + 10)
    runs.append([rid, day, 0, r.random() < 0.15])   # id, day, events, no RUN START
lines, active, waiting = [], [], list(range(len(runs)))
while waiting or active:
    if waiting and (not active or r.random() < 0.2):
        i = waiting.pop(0)
        active.append(i)
        rid, day, _, nostart = runs[i]
        if not nostart:
            lines.append("2026-01-%02dT08:%02d:00.000+01:00\tINFO\t%s\t1\t-\tRUN\tSTART\t-\t-\t-\tEN_COURS\tstart"
                         % (day, r.randrange(60), rid))
        continue
    i = r.choice(active) if r.random() < 0.5 else active[-1]
    rid, day, n, _ = runs[i]
    runs[i][2] += 1
    x = r.random()
    if x < 0.03:
        active.remove(i)
        if r.random() < 0.8:
            lines.append("2026-01-%02dT18:00:00.000+01:00\tINFO\t%s\t99\t-\tRUN\tEND\t-\t-\t-\t%s\tend\tread=%d"
                         % (day, rid, r.choice(["SUCCES", "ECHEC", "AVERTISSEMENT", "-"]), n))
    elif x < 0.04:
        lines.append("garbage\x00\x02 bin")
    elif x < 0.05:
        lines.append("2026-01-01 foreign line")
    elif x < 0.06:
        lines.append("")
    elif x < 0.065 and not clean:
        lines.append("2026-01-%02dT09:00:00.000+01:00\tERROR\t-\t1\t-\tTIERS\tUPDATE\t-\tCT_Num:C%02d\t-\t-\tno run"
                     % (day, r.randrange(10)))
    else:
        ts = "2026-01-%02dT%02d:%02d:%02d.000+01:00" % (day, r.randrange(8, 20), r.randrange(60), r.randrange(60))
        ent = r.choice(["TIERS", "CONTACT", "SESSION", "RUN"]) if r.random() < 0.1 else "TIERS"
        op = r.choice(["UPDATE", "START"]) if ent == "RUN" else "UPDATE"
        code = r.choice(["-", "-", "-", "ERP-TIERS-0101", "NOPE-1"])
        lines.append("\t".join([ts, r.choice(levels), rid, str(n + 2), "CRM>ERP", ent, op, "-",
                                "CT_Num:C%02d" % r.randrange(12), code, "-", r.choice(msgs)]))
        if r.random() < 0.2:
            lines.append("\t" + r.choice(["Lock request time out period exceeded.", "at X.y()",
                                          "Invalid object name 'x'."]))
data = "\n".join(lines) + ("\n" if r.random() < 0.8 else "")
open(out, "wb").write(data.encode("utf-8"))
