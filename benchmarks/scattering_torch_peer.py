#!/usr/bin/env python3
"""PyTorch peer of contrastlab's scatnet scattering: kymatio's torch-backend Scattering2D, ported.

kymatio is not installable here, so this is a clean-room port of what kymatio 0.3's
`kymatio.torch.Scattering2D(J, shape, L, max_order=2)` computes and of the op sequence its torch
backend runs (written from /work/shared/reference/scattering.md):

- filter bank in NumPy: Morlet wavelets psi[j, theta] and the Gaussian phi, gabor_2d periodised over
  5 x 5 tiles, complex64 accumulation, kymatio's literal 3.1415, the real part of their 2-D DFT,
  periodize_filter_fft for the coarser resolutions; registered as float32 (M, N, 1) tensors;
- per batch: ReflectionPad2d to the padded size, "rfft" (a zero-filled (..., 2) tensor, then
  torch.fft.fft2 on its complex view), cdgmm (broadcast product with the real filter),
  subsample_fourier (view and two means), ifft2, modulus (norm over the trailing re/im axis), again
  "rfft", low-pass, subsampling, real part of ifft2, unpad [1:-1, 1:-1]; coefficients stacked as
  order 0, order 1 by (j1, theta1), order 2 by (j1, theta1, j2, theta2) with j2 > j1.

The colour channels are scattered as ScatSimCLR does: (B, 3, S, S) -> (B, 3, K, S/2^J, S/2^J).

    /usr/bin/python3 benchmarks/scattering_torch_peer.py --threads 1 --sizes 32 96 --batch 32
    /usr/bin/python3 benchmarks/scattering_torch_peer.py --check /tmp/scattering-96.bin

Speed: images per second (wall clock) and images per CPU-second (process CPU time over all torch
threads, robust to other jobs on the machine). --check FILE reads the images and the coefficients a
Java run wrote (contrastlab.plugins.backbone.scatnet.ScatteringCheckFile, test scope) and prints the
largest difference relative to each coefficient map's largest magnitude; exit status 1 above --tolerance.
"""
import argparse
import math
import sys
import time

import numpy as np

try:
    import torch
except ImportError as missing:
    print(f"scattering_torch_peer: torch must be importable ({missing}); apt-get install python3-torch",
          file=sys.stderr)
    sys.exit(2)


# ---------------------------------------------------------------------------------------------
# filter bank (NumPy, as kymatio's scattering2d/filter_bank.py)

def gabor_2d(M, N, sigma, theta, xi, slant=1.0, offset=0):
    gab = np.zeros((M, N), np.complex64)
    R = np.array([[np.cos(theta), -np.sin(theta)], [np.sin(theta), np.cos(theta)]], np.float32)
    R_inv = np.array([[np.cos(theta), np.sin(theta)], [-np.sin(theta), np.cos(theta)]], np.float32)
    D = np.array([[1, 0], [0, slant * slant]])
    curv = np.dot(R, np.dot(D, R_inv)) / (2 * sigma * sigma)
    for ex in [-2, -1, 0, 1, 2]:
        for ey in [-2, -1, 0, 1, 2]:
            xx, yy = np.mgrid[offset + ex * M:offset + M + ex * M, offset + ey * N:offset + N + ey * N]
            arg = (-(curv[0, 0] * xx * xx + (curv[0, 1] + curv[1, 0]) * xx * yy + curv[1, 1] * yy * yy)
                   + 1.j * (xx * np.cos(theta) * xi + yy * np.sin(theta) * xi))
            gab += np.exp(arg)
    # kymatio's literal 3.1415, not pi (phi's DC gain is 1.0000294)
    gab /= 2 * 3.1415 * sigma * sigma / slant
    return gab


def morlet_2d(M, N, sigma, theta, xi, slant=0.5, offset=0):
    wv = gabor_2d(M, N, sigma, theta, xi, slant, offset)
    wv_modulus = gabor_2d(M, N, sigma, theta, 0, slant, offset)
    K = np.sum(wv) / np.sum(wv_modulus)
    return wv - K * wv_modulus


def periodize_filter_fft(x, res):
    M, N = x.shape
    mask = np.ones(x.shape, np.float32)
    len_x = int(M * (1 - 2 ** (-res)))
    start_x = int(M * 2 ** (-res - 1))
    len_y = int(N * (1 - 2 ** (-res)))
    start_y = int(N * 2 ** (-res - 1))
    mask[start_x:start_x + len_x, :] = 0
    mask[:, start_y:start_y + len_y] = 0
    x = np.multiply(x, mask)
    k = 2 ** res
    # crop[a, b] = sum_{i, j < 2^res} x[a + i M/2^res, b + j N/2^res]
    return x.reshape(k, M // k, k, N // k).sum(axis=(0, 2)).astype(x.dtype)


def real_fft2(spatial):
    return np.real(np.fft.fft2(spatial)).astype(np.float32)


def filter_bank(M, N, J, L):
    psi = []
    for j in range(J):
        for theta in range(L):
            signal = morlet_2d(M, N, 0.8 * 2 ** j, (int(L - L / 2 - 1) - theta) * np.pi / L,
                               3.0 / 4.0 * np.pi / 2 ** j, 4.0 / L)
            fourier = real_fft2(signal)
            levels = [periodize_filter_fft(fourier, res) for res in range(min(j + 1, max(J - 1, 1)))]
            psi.append({'j': j, 'theta': theta, 'levels': levels})
    phi_fourier = real_fft2(gabor_2d(M, N, 0.8 * 2 ** (J - 1), 0, 0))
    phi = {'j': J, 'levels': [periodize_filter_fft(phi_fourier, res) for res in range(J)]}
    return phi, psi


def compute_padding(M, N, J):
    M_padded = ((M + 2 ** J) // 2 ** J + 1) * 2 ** J
    N_padded = ((N + 2 ** J) // 2 ** J + 1) * 2 ** J
    return M_padded, N_padded


# ---------------------------------------------------------------------------------------------
# torch backend (as kymatio's scattering2d/backend/torch_backend.py; complex values as (..., 2))

def _fft(x):
    return torch.view_as_real(torch.fft.fft2(torch.view_as_complex(x)))


def _ifft(x):
    return torch.view_as_real(torch.fft.ifft2(torch.view_as_complex(x)))


def rfft(x):
    """A real (..., 1) tensor -> fft2 of it as (..., 2)."""
    x_r = torch.zeros(x.shape[:-1] + (2,), dtype=x.dtype, layout=x.layout, device=x.device)
    x_r[..., 0] = x[..., 0]
    return _fft(x_r)


def ifft(x):
    return _ifft(x)


def irfft(x):
    return _ifft(x)[..., :1]


def cdgmm(A, B):
    """Complex (..., M, N, 2) times real (M, N, 1)."""
    return A * B


def modulus(x):
    return x.norm(p=2, dim=-1, keepdim=True)


def subsample_fourier(x, k):
    batch_shape = x.shape[:-3]
    signal_shape = x.shape[-3:]
    x = x.view((-1,) + signal_shape)
    y = x.view(-1, k, x.shape[1] // k, k, x.shape[2] // k, 2)
    out = y.mean(3, keepdim=False).mean(1, keepdim=False)
    return out.reshape(batch_shape + out.shape[-3:])


class TorchScattering2D:
    """kymatio's Scattering2D(J, shape=(M, N), L, max_order=2) with the torch backend, forward only."""

    def __init__(self, J, shape, L):
        self.J, self.L = J, L
        self.M, self.N = shape
        self.M_padded, self.N_padded = compute_padding(self.M, self.N, J)
        pads = [(self.M_padded - self.M) // 2, (self.M_padded - self.M + 1) // 2,
                (self.N_padded - self.N) // 2, (self.N_padded - self.N + 1) // 2]
        # torch wants [left, right, top, bottom]
        self.padding = torch.nn.ReflectionPad2d([pads[2], pads[3], pads[0], pads[1]])
        phi, psi = filter_bank(self.M_padded, self.N_padded, J, L)
        self.phi = [torch.from_numpy(level).unsqueeze(-1) for level in phi['levels']]
        self.psi = [{'j': p['j'], 'theta': p['theta'],
                     'levels': [torch.from_numpy(level).unsqueeze(-1) for level in p['levels']]} for p in psi]

    def pad(self, x):
        batch_shape = x.shape[:-2]
        x = x.reshape((-1, 1) + x.shape[-2:])
        x = self.padding(x)
        return x.reshape(batch_shape + x.shape[-2:] + (1,))

    @staticmethod
    def unpad(x):
        return x[..., 1:-1, 1:-1, 0]

    def scattering2d(self, x):
        J, phi, psi = self.J, self.phi, self.psi
        out_S_0, out_S_1, out_S_2 = [], [], []
        U_r = self.pad(x)
        U_0_c = rfft(U_r)
        # first low pass
        U_1_c = cdgmm(U_0_c, phi[0])
        U_1_c = subsample_fourier(U_1_c, k=2 ** J)
        S_0 = irfft(U_1_c)
        out_S_0.append(self.unpad(S_0))
        for n1 in range(len(psi)):
            j1 = psi[n1]['j']
            U_1_c = cdgmm(U_0_c, psi[n1]['levels'][0])
            if j1 > 0:
                U_1_c = subsample_fourier(U_1_c, k=2 ** j1)
            U_1_c = ifft(U_1_c)
            U_1_c = modulus(U_1_c)
            U_1_c = rfft(U_1_c)
            # second low pass
            S_1_c = cdgmm(U_1_c, phi[j1])
            S_1_c = subsample_fourier(S_1_c, k=2 ** (J - j1))
            S_1_r = irfft(S_1_c)
            out_S_1.append(self.unpad(S_1_r))
            for n2 in range(len(psi)):
                j2 = psi[n2]['j']
                if j2 <= j1:
                    continue
                U_2_c = cdgmm(U_1_c, psi[n2]['levels'][j1])
                U_2_c = subsample_fourier(U_2_c, k=2 ** (j2 - j1))
                U_2_c = ifft(U_2_c)
                U_2_c = modulus(U_2_c)
                U_2_c = rfft(U_2_c)
                # third low pass
                S_2_c = cdgmm(U_2_c, phi[j2])
                S_2_c = subsample_fourier(S_2_c, k=2 ** (J - j2))
                S_2_r = irfft(S_2_c)
                out_S_2.append(self.unpad(S_2_r))
        return torch.stack(out_S_0 + out_S_1 + out_S_2, dim=-3)

    def __call__(self, x):
        batch_shape = x.shape[:-2]
        x = x.reshape((-1,) + x.shape[-2:])
        S = self.scattering2d(x)
        return S.reshape(batch_shape + S.shape[-3:])


# ---------------------------------------------------------------------------------------------

def speed(size, batch, batches, warmup, J, L):
    scattering = TorchScattering2D(J, (size, size), L)
    data = [torch.rand(batch, 3, size, size) for _ in range(min(batches, 4))]
    with torch.no_grad():
        for i in range(warmup):
            scattering(data[i % len(data)])
        cpu_start = time.process_time()
        wall_start = time.perf_counter()
        for i in range(batches):
            out = scattering(data[i % len(data)])
        wall = time.perf_counter() - wall_start
        cpu = time.process_time() - cpu_start
    K = 1 + J * L + L * L * J * (J - 1) // 2
    expected = (batch, 3, K, size // 2 ** J, size // 2 ** J)
    assert tuple(out.shape) == expected, (tuple(out.shape), expected)
    return batch * batches / wall, batch * batches / cpu, cpu, tuple(out.shape)


def check(path, tolerance):
    header = np.fromfile(path, dtype='<i4', count=9)
    J, L, count, channels, height, width, K, out_h, out_w = (int(v) for v in header)
    images = np.fromfile(path, dtype='<f4', count=count * channels * height * width, offset=4 * 9)
    java = np.fromfile(path, dtype='<f4', count=count * channels * K * out_h * out_w,
                       offset=4 * (9 + images.size))
    expected = count * channels * K * out_h * out_w
    if java.size != expected:
        print(f"{path}: expected {expected} coefficients after the images, found {java.size}", file=sys.stderr)
        return 2
    images = torch.from_numpy(images.reshape(count, channels, height, width).copy())
    java = java.reshape(count, channels, K, out_h, out_w).astype(np.float64)
    with torch.no_grad():
        ours = TorchScattering2D(J, (height, width), L)(images).numpy().astype(np.float64)
    if ours.shape != java.shape:
        print(f"{path}: shapes differ, torch {ours.shape} vs java {java.shape}", file=sys.stderr)
        return 2
    # per coefficient map: largest difference relative to the map's largest magnitude
    difference = np.abs(ours - java).max(axis=(-1, -2))
    scale = np.abs(ours).max(axis=(-1, -2))
    relative = difference / np.maximum(scale, 1e-30)
    worst = np.unravel_index(np.argmax(relative), relative.shape)
    overall = np.abs(ours - java).max() / np.abs(ours).max()
    print(f"check {path}: J={J} L={L} {count} images x {channels} channels of {height}x{width}, K={K}: "
          f"max relative difference per map {relative.max():.3e} (image {worst[0]}, channel {worst[1]}, "
          f"map {worst[2]}); max |torch - java| / max |torch| {overall:.3e}; tolerance {tolerance:g}")
    return 0 if relative.max() <= tolerance else 1


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--threads", type=int, default=1, help="torch intra-op threads")
    parser.add_argument("--sizes", type=int, nargs="+", default=[32, 96])
    parser.add_argument("--batch", type=int, default=32, help="RGB images per batch")
    parser.add_argument("--batches", type=int, default=3, help="timed batches per size")
    parser.add_argument("--warmup", type=int, default=1)
    parser.add_argument("--J", type=int, default=2)
    parser.add_argument("--L", type=int, default=16)
    parser.add_argument("--check", metavar="FILE", help="compare with coefficients written by ScatteringCheckFile")
    parser.add_argument("--tolerance", type=float, default=1e-4, help="--check: largest relative difference")
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    if args.check:
        sys.exit(check(args.check, args.tolerance))
    for size in args.sizes:
        rate, cpu_rate, cpu, shape = speed(size, args.batch, args.batches, args.warmup, args.J, args.L)
        print(f"torch peer Scattering2D J={args.J} L={args.L} {size}x{size} RGB: {rate:8.2f} img/s, "
              f"{cpu_rate:8.2f} img/CPU-s ({args.batches} x {args.batch} images, {cpu:.1f} CPU-s; output {shape}, "
              f"torch {torch.__version__}, {args.threads} threads)")


if __name__ == "__main__":
    main()
