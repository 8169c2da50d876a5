#!/usr/bin/env python3
"""bench/search_eval.py — does search find the person people look for?

A search-level evaluation (the pair-level one is tests/unit/namematch_eval.c):
  1. generates a registry of people stored in Arabic only, with the region's
     name frequencies (bench/search_names.py): first name, father's name and
     family name;
  2. makes a real daam database of it (`daam init`, `daam import people`),
     a user and an API token, and serves it;
  3. asks /api/v1/people (search_people, the code behind the search page,
     the picker and the API) queries as people type them, each of a kind
     (Latin with al- joined, hyphenated or spaced; vowels dropped or doubled;
     ع and hamza shown or not; French-style; first name only; family name
     only; both in either order; Arabic with a typo), from the hand-written
     spellings of search_names.py, never from daam's own transliteration;
  4. reports per kind recall@1, recall@10 and the mean reciprocal rank (over
     the first 50 results) in bench/results/search.md.

The intended person of a query is anyone whose words at the places queried
are those of the person the query was made from (two people both named
محمد … الأحمد are both right for "Mohammad Alahmad": nothing typed tells
them apart).  For a one-word query it is anyone carrying the word; "first
ten right" is then the share of the first ten results that carry it (the
exact name ranked before near names: Mahmoud → محمود before محمد).

Usage: bench/search_eval.py [--daam build/daam] [--people 3000] [--seed 8]
                            [--per-kind 150] [--out bench/results/search.md]
"""
import argparse
import csv
import json
import os
import random
import re
import sqlite3
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from search_names import FAMILY, FEMALE, MALE  # noqa: E402

# similar letters a hurried typist confuses (both directions)
SIMILAR = ["سص", "تط", "ذز", "حه", "قك", "دض", "عا", "ثت", "ظض", "يى", "هة"]


def pick(rng, table):
    return rng.choices(table, weights=[t[1] for t in table])[0]


def make_people(rng, n):
    """n people, unique full names: (first, father, family, gender)."""
    people, seen = [], set()
    while len(people) < n:
        female = rng.random() < 0.5
        first = pick(rng, FEMALE if female else MALE)
        father = pick(rng, MALE)
        family = pick(rng, FAMILY)
        key = (first[0], father[0], family[0])
        if key in seen:
            continue
        seen.add(key)
        people.append({"first": first, "father": father, "family": family, "gender": "f" if female else "m"})
    return people


def ar_word(w, rng):
    """The Arabic word as a clerk writes it: compounds joined or apart."""
    if w.startswith("عبد") and len(w) > 3 and rng.random() < 0.5:
        return "عبد " + w[3:]
    return w


def family_latin(fam, rng, form=None):
    stem = rng.choice(fam[2])
    if not fam[0].startswith("ال"):
        return stem
    form = form or rng.choice(["hyphen", "joined", "spaced", "el"])
    return {"hyphen": "Al-" + stem, "joined": "Al" + stem.lower(), "spaced": "Al " + stem,
            "el": "El-" + stem}[form]


def first_latin(name, rng, kind="std"):
    return rng.choice(name[2].get(kind) or name[2]["std"])


def typo(word, rng):
    """One typing error in an Arabic word (not in its article)."""
    start = 2 if word.startswith("ال") else 0
    body = word[start:]
    if len(body) < 3:
        return word
    op = rng.choice(["similar", "drop", "swap"])
    if op == "similar":
        idx = [i for i, c in enumerate(body) if any(c in s for s in SIMILAR)]
        if idx:
            i = rng.choice(idx)
            pair = next(s for s in SIMILAR if body[i] in s)
            body = body[:i] + pair[1 - pair.index(body[i])] + body[i + 1:]
            return word[:start] + body
        op = "drop"
    i = rng.randrange(1, len(body) - 1)
    if op == "drop":
        body = body[:i] + body[i + 1:]
    else:
        body = body[:i] + body[i + 1] + body[i] + body[i + 2:]
    return word[:start] + body


KINDS = [
    ("full", "full name, Latin (first father family)"),
    ("first_family", "first and family name, Latin"),
    ("family_first", "family then first name, Latin"),
    ("al_joined", "al- joined (Alahmad)"),
    ("al_hyphen", "al- hyphenated (Al-Ahmad)"),
    ("al_spaced", "al- spaced (Al Ahmad)"),
    ("vowel", "vowels/consonants dropped or doubled (Hasan, Abdulla, Yusef)"),
    ("ayn", "ع or hamza shown or not (Eissa, Aissa, Sa'ad)"),
    ("fr", "French-style (Mouhamed, Oussama)"),
    ("first_only", "first name only, Latin"),
    ("family_only", "family name only, Latin"),
    ("ar_typo", "Arabic first and family name, one typo"),
    ("ar_typo_full", "Arabic full name, one typo"),
]
FULL_KINDS = {"full", "first_family", "family_first", "al_joined", "al_hyphen", "al_spaced", "vowel", "ayn",
              "fr", "ar_typo", "ar_typo_full"}
ONE_WORD = {"first_only", "family_only"}


def make_query(kind, p, rng):
    """(query text, the places it names) or None when p has no such form."""
    first, father, fam = p["first"], p["father"], p["family"]
    if kind == "full":
        return f"{first_latin(first, rng)} {first_latin(father, rng)} {family_latin(fam, rng)}", ("first", "father", "family")
    if kind == "first_family":
        return f"{first_latin(first, rng)} {family_latin(fam, rng)}", ("first", "family")
    if kind == "family_first":
        return f"{family_latin(fam, rng)} {first_latin(first, rng)}", ("first", "family")
    if kind.startswith("al_"):
        if not fam[0].startswith("ال"):
            return None
        return f"{first_latin(first, rng)} {family_latin(fam, rng, kind[3:])}", ("first", "family")
    if kind in ("vowel", "ayn", "fr"):
        if kind not in first[2]:
            return None
        return f"{first_latin(first, rng, kind)} {family_latin(fam, rng)}", ("first", "family")
    if kind == "first_only":
        return first_latin(first, rng), ("first",)
    if kind == "family_only":
        return family_latin(fam, rng), ("family",)
    if kind == "ar_typo":
        words = [first[0], fam[0]]
        i = rng.randrange(2)
        words[i] = typo(words[i], rng)
        return " ".join(words), ("first", "family")
    if kind == "ar_typo_full":
        words = [first[0], father[0], fam[0]]
        i = rng.randrange(3)
        words[i] = typo(words[i], rng)
        return " ".join(words), ("first", "father", "family")
    raise ValueError(kind)


def relevant(p, q, places):
    """Is p a right answer for a query made from q naming these places?"""
    if len(places) == 1:
        w = q[places[0]][0]
        return w in (p["first"][0], p["father"][0], p["family"][0])
    return all(p[k][0] == q[k][0] for k in places)


def run(cmd, **kw):
    return subprocess.run(cmd, check=True, capture_output=True, text=True, **kw)


def main():
    ap = argparse.ArgumentParser()
    here = os.path.dirname(os.path.abspath(__file__))
    ap.add_argument("--daam", default=os.environ.get("DAAM_BIN", os.path.join(here, "..", "build", "daam")))
    ap.add_argument("--people", type=int, default=3000)
    ap.add_argument("--seed", type=int, default=8)
    ap.add_argument("--per-kind", type=int, default=150)
    ap.add_argument("--out", default=os.path.join(here, "results", "search.md"))
    ap.add_argument("--misses", help="write the queries that missed (rank > 10) to this file")
    a = ap.parse_args()
    rng = random.Random(a.seed)
    people = make_people(rng, a.people)

    tmp = tempfile.mkdtemp(prefix="daam-search-eval-")
    db = os.path.join(tmp, "daam.db")
    with open(os.path.join(tmp, "people.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["name", "gender"])
        for p in people:
            w.writerow([" ".join(ar_word(x[0], rng) for x in (p["first"], p["father"], p["family"])), p["gender"]])
    run([a.daam, "init", "--db", db])
    run([a.daam, "import", "people", os.path.join(tmp, "people.csv"), "--db", db])
    run([a.daam, "user", "add", "--name", "evaluator", "--role", "admin", "--password-stdin", "--db", db], input="search-eval-2026\n")
    token = run([a.daam, "token", "create", "--user", "evaluator", "--db", db]).stdout.strip().splitlines()[-1]

    # the people as daam numbered them (the file's order)
    con = sqlite3.connect(db)
    ids = [r[0] for r in con.execute("SELECT id FROM people ORDER BY id")]
    con.close()
    assert len(ids) == len(people), "import lost people"
    by_id = dict(zip(ids, people))

    srv = subprocess.Popen([a.daam, "serve", "--db", db, "--listen", "127.0.0.1:0", "--threads", "1", "--quiet"],
                           stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    try:
        port = None
        for line in srv.stdout:
            m = re.search(r"127\.0\.0\.1:(\d+)", line)
            if m:
                port = m.group(1)
                break
        base = f"http://127.0.0.1:{port}/api/v1/people?limit=50&q="

        def search(q):
            req = urllib.request.Request(base + urllib.parse.quote(q), headers={"Authorization": "Bearer " + token})
            with urllib.request.urlopen(req) as r:
                return [it["id"] for it in json.load(r)["items"]]

        rows, misses = [], []
        t0 = time.time()
        for kind, label in KINDS:
            n = hit1 = hit10 = empty = 0
            rr = top10 = 0.0
            for p in rng.sample(people, len(people)):
                if n >= a.per_kind:
                    break
                made = make_query(kind, p, rng)
                if not made:
                    continue
                q, places = made
                found = search(q)
                n += 1
                rank = next((i + 1 for i, pid in enumerate(found) if relevant(by_id[pid], p, places)), 0)
                hit1 += rank == 1
                hit10 += 0 < rank <= 10
                rr += 1.0 / rank if rank else 0.0
                empty += not found
                if kind in ONE_WORD and found:
                    first = found[:10]
                    top10 += sum(relevant(by_id[pid], p, places) for pid in first) / len(first)
                if not 0 < rank <= 10:
                    misses.append(f"{kind}\t{q}\t{' '.join(p[k][0] for k in ('first', 'father', 'family'))}\t{rank}")
            rows.append((kind, label, n, hit1 / n, hit10 / n, rr / n, empty, top10 / n if kind in ONE_WORD else None))
        secs = time.time() - t0
    finally:
        srv.terminate()
        srv.wait()
    full = [r for r in rows if r[0] in FULL_KINDS]
    tot = sum(r[2] for r in full)
    agg = (sum(r[3] * r[2] for r in full) / tot, sum(r[4] * r[2] for r in full) / tot,
           sum(r[5] * r[2] for r in full) / tot)

    out = [
        "# Search across scripts: does search find the person?",
        "",
        f"Measured {time.strftime('%Y-%m-%d', time.gmtime())} with `bench/search_eval.py` (`make bench`),"
        f" seed {a.seed}: {len(people)} people stored in Arabic only (first, father's and family name, the"
        " region's name frequencies), queries through `/api/v1/people` (search_people, as the search page and"
        " the picker), the Latin spellings from the hand-written table bench/search_names.py.",
        "",
        "| kind of query | queries | recall@1 | recall@10 | MRR | none found | first ten right |",
        "|---|---|---|---|---|---|---|",
    ]
    for kind, label, n, r1, r10, mrr, empty, t10 in rows:
        out.append(f"| {label} | {n} | {r1:.3f} | {r10:.3f} | {mrr:.3f} | {empty} | "
                   f"{'' if t10 is None else f'{t10:.3f}'} |")
    out += ["", f"Full names (every kind naming two or three words): recall@1 {agg[0]:.3f}, recall@10 {agg[1]:.3f},"
            f" MRR {agg[2]:.3f} over {tot} queries (targets: recall@10 ≥ 0.98, recall@1 ≥ 0.9).",
            f"{sum(r[2] for r in rows)} queries in {secs:.1f} s."]
    os.makedirs(os.path.dirname(a.out), exist_ok=True)
    with open(a.out, "w", encoding="utf-8") as f:
        f.write("\n".join(out) + "\n")
    if a.misses:
        with open(a.misses, "w", encoding="utf-8") as f:
            f.write("\n".join(misses) + "\n")
    print("\n".join(out))
    subprocess.run(["rm", "-rf", tmp])


if __name__ == "__main__":
    main()
