package contrastlab.api.util;

import java.util.SplittableRandom;

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

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
