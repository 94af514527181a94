package contrastlab.plugins.backbone.scatnet;

/**
 * Parameters of the {@code scatnet} backbone.
 *
 * @param J number of scales (kymatio's J); the coefficient maps are 2^J times smaller than the image
 * @param L number of orientations (kymatio's L)
 * @param adapter {@code none} (features = the flattened scattering coefficients) or one of
 *     {@code scatsimclr8}, {@code scatsimclr12}, {@code scatsimclr16}, {@code scatsimclr30},
 *     {@code scatsimclr45} (ScatSimCLR's residual adapters, 2048-d features)
 * @param widthFactor multiplies every channel count of the adapter (rounded, at least 1): 1 is the
 *     paper's network; e.g. 0.25 makes a CPU-scale scatsimclr8 (8, 16, 32 channels, 512-d features)
 */
public record ScatNetParameters(int J, int L, String adapter, double widthFactor) {

    public ScatNetParameters {
        if (J < 1) {
            throw new IllegalArgumentException("scatnet J must be at least 1, got " + J);
        }
        if (L < 1) {
            throw new IllegalArgumentException("scatnet L must be at least 1, got " + L);
        }
        Adapter.of(adapter);
        if (!(widthFactor > 0)) {
            throw new IllegalArgumentException("scatnet widthFactor must be positive, got " + widthFactor);
        }
    }

    /** The paper's widths. */
    public ScatNetParameters(int J, int L, String adapter) {
        this(J, L, adapter, 1.0);
    }

    /** An adapter channel count scaled by {@link #widthFactor()}. */
    int width(int channels) {
        return Math.max(1, (int) Math.round(channels * widthFactor));
    }

    Adapter adapterLayout() {
        return Adapter.of(adapter);
    }
}
