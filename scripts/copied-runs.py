#!/usr/bin/env python3
"""Report every run of N or more consecutive words (lowercased) that a content file shares with a seed.

Usage: scripts/copied-runs.py [N] FILE...   (N defaults to 12; the seeds are ../shared/seeds/*.txt
beside the repository, or the folder in $SEEDS)

Each file is split at "## Bronnen": the body must share no run; the Bronnen section quotes document
and chapter titles on purpose, so its runs are listed apart and not counted as copying.
Link addresses (Markdown `](url)` targets and bare http(s) URLs) are left out before comparing:
they are addresses quoted as the documents give them, not sentences.
Exit code 1 when the body of any file shares a run."""
import glob
import os
import re
import sys

SEEDS = os.environ.get('SEEDS', os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', '..', 'shared', 'seeds'))

N = 12
args = sys.argv[1:]
if args and args[0].isdigit():
    N, args = int(args[0]), args[1:]

WORD = re.compile(r"[0-9a-zà-ÿ]+(?:['’][0-9a-zà-ÿ]+)*")


def words(text):
    return WORD.findall(text.lower())


seeds = {}
for path in sorted(glob.glob(os.path.join(SEEDS, '*.txt'))):
    text = open(path, encoding='utf-8').read()
    # the seeds are PDF extractions: join words hyphenated across a line break ("samen-\nwerking")
    text = re.sub(r"(\w)-\s*\n\s*(\w)", r"\1\2", text)
    seeds[path.rsplit('/', 1)[1]] = words(text)

index = {}
for name, ws in seeds.items():
    for i in range(len(ws) - N + 1):
        index.setdefault(tuple(ws[i:i + N]), []).append((name, i))


def shared_runs(ws):
    """Maximal runs of N+ words of `ws` that also occur in a seed: (length, seed, text)."""
    i, runs = 0, []
    while i <= len(ws) - N:
        hits = index.get(tuple(ws[i:i + N]))
        if not hits:
            i += 1
            continue
        best, best_seed = 0, None
        for name, j in hits:
            k = N
            while i + k < len(ws) and j + k < len(seeds[name]) and ws[i + k] == seeds[name][j + k]:
                k += 1
            if k > best:
                best, best_seed = k, name
        runs.append((best, best_seed, ' '.join(ws[i:i + best])))
        i += best
    return runs


copied = cited = 0
for f in args:
    text = open(f, encoding='utf-8').read()
    text = re.sub(r"\]\([^)]*\)", "] ", text)          # Markdown link targets
    text = re.sub(r"https?://\S+", " ", text)           # bare URLs
    body, _, cites = text.partition('\n## Bronnen')
    for label, part in (('body', body), ('Bronnen', cites)):
        ws = words(part)
        runs = shared_runs(ws)
        if label == 'body':
            copied += len(runs)
        else:
            cited += len(runs)
        print(f"{f} [{label}]: {len(ws)} words, {len(runs)} shared run(s) of {N}+ words")
        for length, name, run in runs:
            print(f"    {length} words, {name}: {run}")
print(f"TOTAL: {copied} run(s) of {N}+ words in the text; {cited} in Bronnen sections (cited titles)")
sys.exit(1 if copied else 0)
