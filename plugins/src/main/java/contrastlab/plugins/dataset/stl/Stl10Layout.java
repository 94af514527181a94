package contrastlab.plugins.dataset.stl;

/**
 * How many images each STL-10 split holds, and how many images one memory mapping may cover (whole
 * images per mapping, each mapping under 2 GB).
 */
record Stl10Layout(int train, int test, int unlabeled, int imagesPerMapping) {

    /** The official counts; a mapping covers as many whole images as fit in 2 GB. */
    static final Stl10Layout OFFICIAL = new Stl10Layout(5_000, 8_000, 100_000,
            Integer.MAX_VALUE / Stl10Images.SHAPE.size());
}
