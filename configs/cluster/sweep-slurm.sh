#!/usr/bin/env bash
# Run a contrastlab sweep as a SLURM job array: one array task per shard, all writing into one sweep
# folder on a shared filesystem, then the report once every shard has finished.
#
#   N=8 SWEEP=configs/sweeps/augmentation-ablation.yaml
#   jid=$(sbatch --parsable --array=0-$((N-1)) --export=ALL,N=$N,SWEEP=$SWEEP configs/cluster/sweep-slurm.sh)
#   sbatch --dependency=afterany:$jid --export=ALL,REPORT=1,SWEEP=$SWEEP configs/cluster/sweep-slurm.sh
#
# A shard skips runs that already finished and resumes interrupted ones, so a preempted or failed task
# is re-run with the same command (sbatch --array=<ids>). Run from the repository root.
#SBATCH --job-name=contrastlab-sweep
#SBATCH --cpus-per-task=8
#SBATCH --mem=32G
#SBATCH --time=48:00:00
#SBATCH --output=logs/%x-%A_%a.out
# For GPUs: #SBATCH --gres=gpu:1 (and devices: auto in the recipe)
set -euo pipefail
SWEEP="${SWEEP:?set SWEEP to a sweep file}"
OUT="${OUT:-runs/sweeps/$(basename "$SWEEP" .yaml)}"
mkdir -p logs
if [ "${REPORT:-0}" = 1 ]; then
  exec ./contrastlab report "$OUT"
fi
N="${N:?set N to the number of array tasks}"
export OMP_NUM_THREADS="${SLURM_CPUS_PER_TASK:-$(nproc)}"
exec ./contrastlab sweep "$SWEEP" --shard "$SLURM_ARRAY_TASK_ID/$N" --out "$OUT"
