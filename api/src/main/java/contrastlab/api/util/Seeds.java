package contrastlab.api.util;

import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

/** Derives independent, reproducible random streams from a seed and coordinates. */
public final class Seeds {

    private Seeds() {}

    /** A 64-bit value mixing {@code seed} with every coordinate (SplitMix64 finaliser per part). */
    public static long derive(long seed, long... coordinates) {
        long h = mix(seed ^ 0x9E3779B97F4A7C15L);
        for (long c : coordinates) {
            h = mix(h + 0x9E3779B97F4A7C15L * (c + 1));
        }
        return h;
    }

    /** A random stream for the given coordinates, e.g. (seed, epoch, image, view). */
    public static SplittableRandom random(long seed, long... coordinates) {
        return new SplittableRandom(derive(seed, coordinates));
    }

    /** Shuffles {@code values} in place (Fisher-Yates from the last element, as NumPy and PyTorch do). */
    public static void shuffle(int[] values, RandomGenerator random) {
        for (int i = values.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = values[i];
            values[i] = values[j];
            values[j] = t;
        }
    }

    /** {@code 0 .. size-1} in a random order drawn by {@link #shuffle}. */
    public static int[] permutation(int size, RandomGenerator random) {
        int[] order = new int[size];
        for (int i = 0; i < size; i++) {
            order[i] = i;
        }
        shuffle(order, random);
        return order;
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
