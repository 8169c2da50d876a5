#!/usr/bin/env python3
"""po-fill — fills empty msgstr entries of a .po file from a Python dict of
translations (a helper for translators; the .po file stays the source of
truth).  usage: po-fill.py FILE.po DICT.py   (DICT.py defines AR = {...})"""
import re, sys
po, dictfile = sys.argv[1], sys.argv[2]
ns = {}
exec(open(dictfile, encoding="utf-8").read(), ns)
table = ns["AR"]
text = open(po, encoding="utf-8").read()
def unq(s):
    return bytes(s, "utf-8").decode("unicode_escape").encode("latin-1").decode("utf-8")
def q(s):
    return s.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
out, missing = [], []
blocks = text.split("\n\n")
for b in blocks:
    m = re.search(r'^msgid ((?:".*"\n?)+)msgstr ((?:".*"\n?)+)', b + "\n", re.M)
    if m:
        msgid = unq("".join(re.findall(r'"(.*)"', m.group(1))))
        msgstr = "".join(re.findall(r'"(.*)"', m.group(2)))
        if msgid and not msgstr:
            if msgid in table:
                b = b[:m.start(2)] + '"' + q(table[msgid]) + '"' + b[m.end(2):].rstrip("\n")
                b = b.replace("#, fuzzy\n", "")
            else:
                missing.append(msgid)
    out.append(b)
open(po, "w", encoding="utf-8").write("\n\n".join(out))
for m in missing:
    print("untranslated:", m)
