package contrastlab.plugins.augment.color;

/**
 * Parameters of {@code grayscale}.
 *
 * @param numOutputChannels 1 or 3; 0 (default) keeps the input's channel count, as RandomGrayscale does
 * @param p                 probability of converting; default 1.0 (SimCLR pipelines use 0.2)
 */
public record GrayscaleParameters(int numOutputChannels, double p) {

    public static GrayscaleParameters defaults() {
        return new GrayscaleParameters(0, 1.0);
    }
}
