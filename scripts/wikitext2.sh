#!/usr/bin/env bash
# wikitext2.sh [OUT] — the README's WikiText-2 run (20 epochs, one thread unless THREADS is set), as
# many sittings as it takes: the first call starts it, every later call resumes OUT's checkpoint
# (default runs/wt2). Resident memory is sampled every 10 s into OUT.rss (seconds since the epoch,
# then VmRSS and VmHWM in kB) while the run lasts. Needs ../shared/data/wikitext-2 beside the clone.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
OUT="${1:-runs/wt2}"
DATA="$ROOT/../shared/data/wikitext-2"
COMMON=(--epochs 20 --threads "${THREADS:-1}")
if [ ! -f "$DATA/train.txt" ]; then
  echo "wikitext2.sh: $DATA/train.txt not found; put ../shared beside the clone" >&2
  exit 2
fi
if [ -d "$OUT" ]; then
  ARGS=(train --resume "$OUT" "${COMMON[@]}")
else
  ARGS=(train --corpus "$DATA/train.txt" --val-corpus "$DATA/valid.txt" --preprocess none --tokenizer word
    --embed 200 --hidden 200 --layers 2 --dropout 0.2 --lr 20 --clip 0.25 --lr-decay 0.25 --decay-after 4
    --partition batchify --out "$OUT" "${COMMON[@]}")
fi
"$ROOT/recur" --version >/dev/null   # builds the jar first, so that the sampler sees the run itself
"$ROOT/recur" "${ARGS[@]}" &
RUN=$!
while kill -0 "$RUN" 2>/dev/null; do
  awk -v t="$(date +%s)" '/VmRSS/{r=$2} /VmHWM/{h=$2} END{if (r) print t, r, h}' "/proc/$RUN/status" >> "$OUT.rss" 2>/dev/null || true
  sleep 10
done
wait "$RUN"
