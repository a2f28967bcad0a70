#!/usr/bin/env bash
# Regenerates docs/benchmarks.md: trains the shipped TFC and SFC models (one epoch, fixed seed,
# MNIST) unless given, then benchmarks them, a random LFC-shaped model and a random model of the
# cnn-ref shape (issue 6: 8-bit 28x28 input, four 3x3 binary convs, two pools, 3136->10) on every
# QEMU board with both kernel families. Usage: scripts/benchmarks.sh [TFC_MODEL SFC_MODEL]
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
WORK="$(mktemp -d "${TMPDIR:-/tmp}/onebit-benchmarks-XXXXXX")"
trap 'rm -rf "$WORK"' EXIT
TFC="${1:-}"
SFC="${2:-}"
if [[ -z "$TFC" ]]; then
  TFC="$WORK/tfc.json"
  "$ROOT/onebit" train --arch tfc --dataset mnist --epochs 1 --seed 1 --out "$TFC" >&2
fi
if [[ -z "$SFC" ]]; then
  SFC="$WORK/sfc.json"
  "$ROOT/onebit" train --arch sfc --dataset mnist --epochs 1 --seed 1 --out "$SFC" >&2
fi
"$ROOT/onebit" bench --all-boards --work-dir "$WORK/bench" --markdown "$ROOT/docs/benchmarks.md" \
  --model "$TFC" --model "$SFC" --model random:lfc --model random:cnn-ref
