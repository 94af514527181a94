#!/usr/bin/env python3
"""The PyTorch peer of `contrastlab bench` for the SimCLR CIFAR ResNet-18 step.

Same model (lightly-style CIFAR ResNet-18: 3x3 stem without max-pool and without the stem ReLU,
BasicBlocks [2,2,2,2], 512-d features), same head (Linear 512-512, ReLU, Linear 512-128), NT-Xent
with tau 0.5, SGD momentum 0.9 + weight decay 5e-4, batch 128 x 2 views of 3x32x32; every view
counts as one image. Batches are random tensors prepared before timing, as in `contrastlab bench`.

    python3 benchmarks/torch_simclr_step.py --threads 2 --steps 20 --warmup 3
"""
import argparse
import time

import torch
import torch.nn as nn
import torch.nn.functional as F


class BasicBlock(nn.Module):
    def __init__(self, cin, cout, stride):
        super().__init__()
        self.conv1 = nn.Conv2d(cin, cout, 3, stride, 1, bias=False)
        self.bn1 = nn.BatchNorm2d(cout)
        self.conv2 = nn.Conv2d(cout, cout, 3, 1, 1, bias=False)
        self.bn2 = nn.BatchNorm2d(cout)
        self.shortcut = nn.Sequential()
        if stride != 1 or cin != cout:
            self.shortcut = nn.Sequential(nn.Conv2d(cin, cout, 1, stride, bias=False), nn.BatchNorm2d(cout))

    def forward(self, x):
        out = F.relu(self.bn1(self.conv1(x)))
        out = self.bn2(self.conv2(out))
        return F.relu(out + self.shortcut(x))


class ResNet18Cifar(nn.Module):
    def __init__(self, width=64):
        super().__init__()
        self.stem = nn.Sequential(nn.Conv2d(3, width, 3, 1, 1, bias=False), nn.BatchNorm2d(width))
        layers, cin = [], width
        for i, n in enumerate([2, 2, 2, 2]):
            cout = width * 2 ** i
            for b in range(n):
                layers.append(BasicBlock(cin, cout, 2 if (b == 0 and i > 0) else 1))
                cin = cout
        self.layers = nn.Sequential(*layers)
        self.dim = cin

    def forward(self, x):
        return F.adaptive_avg_pool2d(self.layers(self.stem(x)), 1).flatten(1)


def nt_xent(z0, z1, tau):
    z = F.normalize(torch.cat([z0, z1]), dim=1)
    n = z0.shape[0]
    sim = z @ z.t() / tau
    sim.fill_diagonal_(float("-inf"))
    targets = torch.cat([torch.arange(n, 2 * n), torch.arange(0, n)])
    return F.cross_entropy(sim, targets)


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--batch", type=int, default=128)
    p.add_argument("--steps", type=int, default=20)
    p.add_argument("--warmup", type=int, default=3)
    p.add_argument("--width", type=int, default=64)
    p.add_argument("--size", type=int, default=32)
    a = p.parse_args()
    torch.set_num_threads(a.threads)
    torch.manual_seed(0)
    backbone = ResNet18Cifar(a.width)
    head = nn.Sequential(nn.Linear(backbone.dim, 512), nn.ReLU(), nn.Linear(512, 128))
    params = list(backbone.parameters()) + list(head.parameters())
    opt = torch.optim.SGD(params, lr=0.06, momentum=0.9, weight_decay=5e-4)
    batches = [(torch.randn(a.batch, 3, a.size, a.size), torch.randn(a.batch, 3, a.size, a.size)) for _ in range(4)]

    def step(x0, x1):
        opt.zero_grad()
        loss = nt_xent(head(backbone(x0)), head(backbone(x1)), 0.5)
        loss.backward()
        opt.step()
        return loss.item()

    for i in range(a.warmup):
        step(*batches[i % len(batches)])
    start = time.perf_counter()
    for i in range(a.steps):
        step(*batches[i % len(batches)])
    seconds = time.perf_counter() - start
    images = a.steps * a.batch * 2
    print(f"torch {torch.__version__} threads={a.threads}: {images / seconds:.1f} img/s "
          f"({1000 * seconds / a.steps:.1f} ms/step; batch {a.batch} x 2 views of 3x{a.size}x{a.size})")


if __name__ == "__main__":
    main()
