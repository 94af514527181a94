#!/usr/bin/env python3
"""The kymatio peer of the `backbone forward` line of `contrastlab bench` on
benchmarks/scatnet-32-bench.yaml and benchmarks/scatnet-96-bench.yaml.

Times kymatio.torch.Scattering2D(J=2, L=16, shape=(S, S), max_order=2) on random RGB batches of
S = 32 and 96 pixels (the three colour channels scattered as ScatSimCLR does: (B, 3, S, S) ->
(B, 3, 289, S/4, S/4)), with torch limited to --threads threads, and prints images per second.
Batches are random tensors made before timing. Needs torch and kymatio (pip install kymatio); when
kymatio is not importable it says so in one line and exits with status 2.

    python3 benchmarks/kymatio_scattering.py --threads 2 --batches 5 --warmup 1
"""
import argparse
import sys
import time

try:
    import torch
    from kymatio.torch import Scattering2D
except ImportError as missing:
    print(f"kymatio_scattering: kymatio (and torch) must be importable ({missing}); pip install kymatio",
          file=sys.stderr)
    sys.exit(2)


def images_per_second(size, batch, batches, warmup, J, L):
    scattering = Scattering2D(J=J, shape=(size, size), L=L, max_order=2)
    data = [torch.rand(batch, 3, size, size) for _ in range(min(batches, 4))]
    with torch.no_grad():
        for i in range(warmup):
            scattering(data[i % len(data)])
        start = time.perf_counter()
        for i in range(batches):
            out = scattering(data[i % len(data)])
        seconds = time.perf_counter() - start
    expected = (batch, 3, 1 + J * L + L * L * J * (J - 1) // 2, size // 2 ** J, size // 2 ** J)
    assert tuple(out.shape) == expected, (tuple(out.shape), expected)
    return batch * batches / seconds, tuple(out.shape)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--batches", type=int, default=5, help="timed batches per size")
    parser.add_argument("--warmup", type=int, default=1)
    parser.add_argument("--sizes", type=int, nargs="+", default=[32, 96])
    parser.add_argument("--J", type=int, default=2)
    parser.add_argument("--L", type=int, default=16)
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    # the batch sizes of the contrastlab bench recipes (batch x 2 views)
    batch_for = {32: 256, 96: 64}
    for size in args.sizes:
        batch = batch_for.get(size, 64)
        rate, shape = images_per_second(size, batch, args.batches, args.warmup, args.J, args.L)
        print(f"kymatio Scattering2D J={args.J} L={args.L} {size}x{size} RGB  {rate:8.1f} img/s  "
              f"(batch {batch}, output {shape}, torch {torch.__version__}, threads {args.threads})")


if __name__ == "__main__":
    main()
