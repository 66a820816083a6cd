#!/usr/bin/env bash
# kill-at-random.sh [N] — kill -9 a real training run at a random moment, N times (default 30),
# and check what each kill left (docs/reliability.md):
#   - the checkpoint loads: recur generate --model D exits 0 (and a checkpoint, once written, never disappears);
#   - D holds only checkpoint.json, the data files it names and .recur.lock; a temporary or orphaned
#     file of an interrupted save counts as left over once a later save has run and it is still there;
#   - the metrics log holds epochs 1..k once each, k the checkpoint's epochs or one more (a kill
#     between the metrics line and the checkpoint), and its lines match the checkpoint's history.
# The model is small and the text the first 40 KB of the bundled corpus, so that an epoch takes about
# a second and a run saves several times before it is killed. Every run after the first resumes D.
# A last run finishes one more epoch and the checks repeat without exceptions. Prints one summary
# line; exits 1 on any failure. Needs jq.
set -uo pipefail
N="${1:-30}"
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
RECUR="$ROOT/recur"
WORK="$(mktemp -d "${TMPDIR:-/tmp}/recur-kill.XXXXXX")"
D="$WORK/run"
LOG="$WORK/metrics.jsonl"
CORPUS="$WORK/corpus.txt"
MODEL=(--hidden 64 --batch 8 --steps 8 --threads 1)
head -c 40000 "$ROOT/data/src/main/resources/io/recur/data/corpus/timemachine.txt" >"$CORPUS"

command -v jq >/dev/null || { echo "kill-at-random: needs jq" >&2; exit 2; }
"$RECUR" --version >/dev/null || exit 2   # builds the command line now, not inside a run that gets killed

kills=0 unloadable=0 leftovers=0 mismatches=0 early=0
had_checkpoint=false prev_epochs=0 prev_extras=""

epochs_done() { jq '.history | length' "$D/checkpoint.json"; }

# The files in D that a finished save would not leave there, one per line.
extras() {
  local named=".recur.lock"
  if [ -f "$D/checkpoint.json" ]; then
    named="$named"$'\n'"checkpoint.json"$'\n'"$(jq -r '.params.file, (.optimizer.slots[]?.file)' "$D/checkpoint.json")"
  fi
  ls -A "$D" 2>/dev/null | grep -vxF -f <(printf '%s\n' "$named") || true
}

# Whether the metrics log is epochs 1..k, k = the checkpoint's epochs (+1 if $1 is "or-one-more"),
# each line equal to the checkpoint's record of that epoch.
metrics_consistent() {
  local history='[]'
  [ -f "$D/checkpoint.json" ] && history="$(jq -c '.history' "$D/checkpoint.json")"
  [ -f "$LOG" ] || : > "$LOG"
  jq -e -n --argjson h "$history" --slurpfile log "$LOG" --arg slack "$1" '
    ($log | length) as $k | ($h | length) as $n
    | ($k == $n or ($slack == "or-one-more" and $k == $n + 1))
      and ([$log[].epoch] == [range(1; $k + 1)])
      and all(range(0; $n); . as $i | $log[$i] as $l | $h[$i] as $e
        | $l.seconds == $e.seconds and $l.tokens == $e.count
          and (($l.train_ppl - ($e.trainLoss | exp)) | fabs) <= 1e-9 * $l.train_ppl)' >/dev/null
}

# Checks D after a run; $1: the metrics slack ("or-one-more" after a kill, "exact" after a finished run).
check() {
  if [ -f "$D/checkpoint.json" ]; then
    if ! "$RECUR" generate --model "$D" --prefix the --length 5 >"$WORK/generate.log" 2>&1; then
      unloadable=$((unloadable + 1))
      echo "  unloadable: $(tail -n 1 "$WORK/generate.log")"
    fi
    had_checkpoint=true
  elif $had_checkpoint; then
    unloadable=$((unloadable + 1))
    echo "  unloadable: the checkpoint is gone"
  fi
  local now epochs=0 f
  now="$(extras)"
  [ -f "$D/checkpoint.json" ] && epochs="$(epochs_done)"
  for f in $now; do
    if [ "$1" = exact ] || { [ "$epochs" -gt "$prev_epochs" ] && grep -qxF "$f" <<<"$prev_extras"; }; then
      leftovers=$((leftovers + 1))
      echo "  left over: $f"
    fi
  done
  if ! metrics_consistent "$1"; then
    mismatches=$((mismatches + 1))
    echo "  metrics mismatch: log epochs $(jq -s -c '[.[].epoch]' "$LOG"), checkpoint epochs $epochs"
  fi
  prev_extras="$now" prev_epochs="$epochs"
}

echo "kill-at-random: $N kills of recur train into $D"
for i in $(seq 1 "$N"); do
  if [ -f "$D/checkpoint.json" ]; then start=(--resume "$D"); else start=(--out "$D" "${MODEL[@]}"); fi
  "$RECUR" train "${start[@]}" --corpus "$CORPUS" --epochs 1000 --metrics "$LOG" >"$WORK/train.log" 2>&1 &
  pid=$!
  delay="$((2 + RANDOM % 13)).$(printf %03d $((RANDOM % 1000)))"
  sleep "$delay"
  if kill -9 "$pid" 2>/dev/null; then
    kills=$((kills + 1))
  else
    early=$((early + 1))
    echo "  run $i ended before the kill: $(tail -n 1 "$WORK/train.log")"
  fi
  wait "$pid" 2>/dev/null
  echo "kill $i after ${delay}s: $(ls -A "$D" 2>/dev/null | tr '\n' ' ')"
  check or-one-more
done

if [ -f "$D/checkpoint.json" ]; then
  next=$(($(epochs_done) + 1))
  if "$RECUR" train --resume "$D" --corpus "$CORPUS" --epochs "$next" --metrics "$LOG" >"$WORK/train.log" 2>&1; then
    echo "resumed to epoch $next: $(ls -A "$D" | tr '\n' ' ')"
    check exact
  else
    early=$((early + 1))
    echo "  the last resume failed: $(tail -n 1 "$WORK/train.log")"
  fi
fi

echo "$kills kills, $unloadable unloadable, $leftovers leftover files, $mismatches metric mismatches"
if [ $((unloadable + leftovers + mismatches + early)) -gt 0 ]; then
  [ "$early" -gt 0 ] && echo "$early runs failed on their own; see $WORK"
  exit 1
fi
rm -rf "$WORK"
