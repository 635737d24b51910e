#!/usr/bin/env python3
"""Structural check of corpus files (not of judgements): python3 check.py FILE..."""
import sys, yaml, re, collections
ok = True
ids = set()
pairs = collections.defaultdict(list)
TRAPS = set("""false-reassurance keep-using keyword-salad plain-apology non-apology conditional-apology idiom victim-playing speculation blame-partner blame-customer blame-saboteur legal-threat quoting-critic over-promise bare-caused cold-complete warm-vague stealing-thunder fatal-line filler denial minimising no-comment negation model clash""".split())
def bad(e, msg):
    global ok; ok = False; print(f"{e.get('id','?')}: {msg}")
for f in sys.argv[1:]:
    data = yaml.safe_load(open(f, encoding='utf-8'))
    if not isinstance(data, list): print(f, "not a list"); ok = False; continue
    c = collections.Counter()
    for e in data:
        for k in e:
            if k not in {'id','lang','pair','scenario','hazard','stance','clash','tier','dims','traps','reason','text'}: bad(e, f"unknown key {k}")
        if not re.fullmatch(r'[a-z0-9-]+', str(e.get('id',''))): bad(e, 'bad id')
        if e['id'] in ids: bad(e, 'duplicate id')
        ids.add(e['id'])
        if e.get('lang') not in ('en','zh'): bad(e, 'lang')
        if e.get('tier') not in (1,2,3,4): bad(e, 'tier')
        d = e.get('dims') or {}
        if set(d) != {'transparency','empathy','action','accountability'} or any(v not in (1,2,3,4) for v in d.values()): bad(e, 'dims')
        for t in e.get('traps') or []:
            if t not in TRAPS: bad(e, f'unknown trap {t}')
        if e.get('hazard') not in (None,'open','cleared'): bad(e,'hazard')
        if e.get('stance') not in (None,'acknowledge','hold','deny','blame'): bad(e,'stance')
        if 'clash' in e and 'stance' not in e: bad(e,'clash without stance')
        if not str(e.get('reason','')).strip(): bad(e,'no reason')
        if not str(e.get('text','')).strip(): bad(e,'no text')
        if e.get('pair'): pairs[e['pair']].append(e['lang'])
        c[(e.get('lang'), e.get('tier'))] += 1
    print(f, dict(sorted(c.items())), len(data), "entries")
for p, ls in pairs.items():
    if sorted(ls) != ['en','zh']: ok = False; print(f"pair {p}: {ls}")
print("pairs:", len(pairs))
sys.exit(0 if ok else 1)
