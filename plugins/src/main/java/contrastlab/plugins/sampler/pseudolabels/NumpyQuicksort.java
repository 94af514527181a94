package contrastlab.plugins.sampler.pseudolabels;

/**
 * NumPy 1.x's {@code argsort(kind="quicksort")} for float64 keys ({@code aquicksort_double} in
 * {@code npysort/quicksort}): an introsort — median-of-three partitioning that stops on keys equal to
 * the pivot, insertion sort for partitions of at most 16 elements, heapsort once the depth exceeds
 * {@code 2 floor(log2 n)}. It is not stable, and which order equal keys end up in is exactly what
 * G-SimCLR's batch order depends on (pandas' {@code sort_values} on one column calls it).
 *
 * <p>NumPy 1.25 and later send 64-bit argsorts on AVX-512 CPUs to x86-simd-sort instead, which
 * leaves ties in another order; this is the algorithm of every NumPy before that (the original ran
 * NumPy 1.18 on Colab in October 2020) and of later ones without AVX-512.
 */
final class NumpyQuicksort {

    /** Partitions of at most this many + 1 elements are insertion-sorted. */
    private static final int SMALL_QUICKSORT = 15;

    private NumpyQuicksort() {}

    /** The permutation that sorts {@code keys} ascending, as {@code np.argsort(keys, kind="quicksort")}. */
    static int[] argsort(double[] keys) {
        int num = keys.length;
        int[] tosort = new int[num];
        for (int i = 0; i < num; i++) {
            tosort[i] = i;
        }
        if (num < 2) {
            return tosort;
        }
        // explicit stacks of (pl, pr) and depth, as the C code keeps them; 64 levels bound log2(n) pushes
        int[] stack = new int[2 * 64];
        int[] depths = new int[64];
        int sp = 0;
        int dp = 0;
        int pl = 0;
        int pr = num - 1;
        int cdepth = 2 * msb(num);
        for (;;) {
            if (cdepth < 0) {
                heapsort(keys, tosort, pl, pr - pl + 1);
            } else {
                while (pr - pl > SMALL_QUICKSORT) {
                    int pm = pl + ((pr - pl) >> 1);
                    if (keys[tosort[pm]] < keys[tosort[pl]]) {
                        swap(tosort, pm, pl);
                    }
                    if (keys[tosort[pr]] < keys[tosort[pm]]) {
                        swap(tosort, pr, pm);
                    }
                    if (keys[tosort[pm]] < keys[tosort[pl]]) {
                        swap(tosort, pm, pl);
                    }
                    double vp = keys[tosort[pm]];
                    int pi = pl;
                    int pj = pr - 1;
                    swap(tosort, pm, pj);
                    for (;;) {
                        do {
                            ++pi;
                        } while (keys[tosort[pi]] < vp);
                        do {
                            --pj;
                        } while (vp < keys[tosort[pj]]);
                        if (pi >= pj) {
                            break;
                        }
                        swap(tosort, pi, pj);
                    }
                    swap(tosort, pi, pr - 1);
                    // push the larger partition, continue with the smaller
                    if (pi - pl < pr - pi) {
                        stack[sp++] = pi + 1;
                        stack[sp++] = pr;
                        pr = pi - 1;
                    } else {
                        stack[sp++] = pl;
                        stack[sp++] = pi - 1;
                        pl = pi + 1;
                    }
                    depths[dp++] = --cdepth;
                }
                for (int pi = pl + 1; pi <= pr; ++pi) {
                    int vi = tosort[pi];
                    double vp = keys[vi];
                    int pj = pi;
                    int pk = pi - 1;
                    while (pj > pl && vp < keys[tosort[pk]]) {
                        tosort[pj--] = tosort[pk--];
                    }
                    tosort[pj] = vi;
                }
            }
            if (sp == 0) {
                break;
            }
            pr = stack[--sp];
            pl = stack[--sp];
            cdepth = depths[--dp];
        }
        return tosort;
    }

    /** {@code aheapsort_double} on {@code tosort[start, start + n)} (one-based heap indexing, as in C). */
    static void heapsort(double[] v, int[] tosort, int start, int n) {
        int a = start - 1; // a[k] is tosort[a + k]
        for (int l = n >> 1; l > 0; --l) {
            int tmp = tosort[a + l];
            int i = l;
            for (int j = l << 1; j <= n;) {
                if (j < n && v[tosort[a + j]] < v[tosort[a + j + 1]]) {
                    j += 1;
                }
                if (v[tmp] < v[tosort[a + j]]) {
                    tosort[a + i] = tosort[a + j];
                    i = j;
                    j += j;
                } else {
                    break;
                }
            }
            tosort[a + i] = tmp;
        }
        for (; n > 1;) {
            int tmp = tosort[a + n];
            tosort[a + n] = tosort[a + 1];
            n -= 1;
            int i = 1;
            for (int j = 2; j <= n;) {
                if (j < n && v[tosort[a + j]] < v[tosort[a + j + 1]]) {
                    j++;
                }
                if (v[tmp] < v[tosort[a + j]]) {
                    tosort[a + i] = tosort[a + j];
                    i = j;
                    j += j;
                } else {
                    break;
                }
            }
            tosort[a + i] = tmp;
        }
    }

    /** {@code npy_get_msb}: floor(log2 n). */
    private static int msb(int n) {
        return 31 - Integer.numberOfLeadingZeros(n);
    }

    private static void swap(int[] a, int i, int j) {
        int t = a[i];
        a[i] = a[j];
        a[j] = t;
    }
}
