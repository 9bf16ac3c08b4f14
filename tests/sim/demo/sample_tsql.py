#!/usr/bin/env python3
"""Keeps every statement of an emitted demo script but at most N rows per
INSERT ... VALUES, so sqlfluff (slow on big files) parses every table's form
and every kind of value quickly.  usage: sample_tsql.py IN OUT [N]"""
import sys

src, dst = sys.argv[1], sys.argv[2]
keep = int(sys.argv[3]) if len(sys.argv) > 3 else 3
out, rows, in_values = [], 0, False
for line in open(src, encoding="utf-8"):
    if line.startswith("INSERT INTO "):
        in_values, rows = True, 0
        out.append(line)
        continue
    if in_values and line.startswith("("):
        rows += 1
        last = line.rstrip("\n")
        end = last.endswith(";")
        body = last.rstrip(";").rstrip(",")
        if rows < keep and not end:
            out.append(body + ",\n")
        elif rows <= keep:
            out.append(body + ";\n")
        if end:
            in_values = False
        continue
    out.append(line)
open(dst, "w", encoding="utf-8").writelines(out)
