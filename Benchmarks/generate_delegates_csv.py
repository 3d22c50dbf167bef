#!/usr/bin/env python3
"""Write N delegates of the KP sample as a CSV list (canonical columns), for the import benchmark.

    python3 Benchmarks/generate_delegates_csv.py 100000 > /tmp/delegates.csv

Names mix scripts (Latin with accents, Cyrillic, CJK, Arabic); e-mails are unique; deterministic.
"""
import random
import re
import sys
import pathlib

n = int(sys.argv[1]) if len(sys.argv) > 1 else 100000
rng = random.Random(7)
codes = re.findall(r"code: ([A-Z]+)", (pathlib.Path(__file__).resolve().parent.parent / "Agendas" / "kp-delegations-2021.yaml").read_text())
given = ["Kwame", "Zoë", "Алексей", "小明", "محمد", "José", "Ana", "Jean-Pierre", "Nguyễn", "Olga", "Thabo", "Ingrid"]
family = ["Mensah", "Ångström", "Моисеев", "王", "بن سلمان", "Núñez", "Silva", "Dupont", "Văn Anh", "Petrova", "Nkosi", "Larsen"]
roles = ["head-of-delegation", "alternate", "adviser", "delegate"]
out = sys.stdout
out.write("given_name,family_name,email,delegation,role,languages,reference,notes\n")
for i in range(n):
    g, f = rng.choice(given), rng.choice(family)
    out.write(f'{g},{f},delegate{i}@example.org,{rng.choice(codes)},{rng.choice(roles)},en|fr,NV-{i},"row {i}, generated"\n')
