#!/usr/bin/env python3
"""The torchvision 0.14 peer of the data-pipeline line of `contrastlab bench` for augmentation set abcde.

Per-core throughput of contrastive2021's abcde view pipeline (shared reference methods.md §2), built
from torchvision's own transforms in the same order and with the same parameters as contrastlab's
`{preset: abcde}`: RandomResizedCrop(32, scale (0.08, 1)), RandomHorizontalFlip(0.5),
RandomApply([ColorJitter(0.4, 0.4, 0.4, 0.1)], 0.8), RandomGrayscale(0.2),
RandomApply([GaussianBlur(7, sigma=1)], 0.5), Normalize(ImageNet). One process, one thread; every
view counts as one image, as in `contrastlab bench`.

Two input paths are timed:
  tensor  uint8 CHW tensor -> float /255 -> the transforms on tensors (the semantics contrastlab follows)
  pil     PIL image -> the transforms on PIL images -> ToTensor -> Normalize (lightly's path)

    /usr/bin/python3 benchmarks/torchvision_augment.py --images 4000
Compare with the per-worker figure of:
    ./contrastlab bench benchmarks/simclr-cifar10-bench.yaml --steps 1 --warmup 0 --data-batches 40
"""
import argparse
import time

import numpy as np
import torch
import torchvision
from PIL import Image
from torchvision import transforms as T

MEAN = (0.485, 0.456, 0.406)
STD = (0.229, 0.224, 0.225)


def view_transforms():
    return [
        T.RandomResizedCrop(32, scale=(0.08, 1.0), ratio=(3 / 4, 4 / 3)),
        T.RandomHorizontalFlip(0.5),
        T.RandomApply([T.ColorJitter(0.4, 0.4, 0.4, 0.1)], p=0.8),
        T.RandomGrayscale(0.2),
        T.RandomApply([T.GaussianBlur(7, sigma=1.0)], p=0.5),
    ]


def time_path(name, pipeline, inputs, views):
    for x in inputs[:50]:
        pipeline(x)
    start = time.perf_counter()
    for x in inputs:
        for _ in range(views):
            pipeline(x)
    seconds = time.perf_counter() - start
    rate = len(inputs) * views / seconds
    print(f"torchvision {torchvision.__version__} {name:6s} {rate:9.1f} img/s per core "
          f"({len(inputs)} images x {views} views of 3x32x32, abcde)")
    return rate


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--images", type=int, default=4000)
    parser.add_argument("--views", type=int, default=2)
    args = parser.parse_args()
    torch.set_num_threads(1)
    torch.manual_seed(0)
    rng = np.random.default_rng(0)
    raw = rng.integers(0, 256, size=(args.images, 32, 32, 3), dtype=np.uint8)

    tensors = [torch.from_numpy(a).permute(2, 0, 1).contiguous() for a in raw]
    tensor_pipeline = T.Compose([T.ConvertImageDtype(torch.float32)] + view_transforms() + [T.Normalize(MEAN, STD)])
    time_path("tensor", tensor_pipeline, tensors, args.views)

    images = [Image.fromarray(a) for a in raw]
    pil_pipeline = T.Compose(view_transforms() + [T.ToTensor(), T.Normalize(MEAN, STD)])
    time_path("pil", pil_pipeline, images, args.views)


if __name__ == "__main__":
    main()
