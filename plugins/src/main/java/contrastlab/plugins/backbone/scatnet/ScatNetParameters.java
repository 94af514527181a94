package contrastlab.plugins.backbone.scatnet;

/**
 * Parameters of the {@code scatnet} backbone.
 *
 * @param J number of scales (kymatio's J); the coefficient maps are 2^J times smaller than the image
 * @param L number of orientations (kymatio's L)
 * @param adapter {@code none} (features = the flattened scattering coefficients) or one of
 *     {@code scatsimclr8}, {@code scatsimclr12}, {@code scatsimclr16}, {@code scatsimclr30},
 *     {@code scatsimclr45} (ScatSimCLR's residual adapters, 2048-d features)
 */
public record ScatNetParameters(int J, int L, String adapter) {

    public ScatNetParameters {
        if (J < 1) {
            throw new IllegalArgumentException("scatnet J must be at least 1, got " + J);
        }
        if (L < 1) {
            throw new IllegalArgumentException("scatnet L must be at least 1, got " + L);
        }
        Adapter.of(adapter);
    }

    Adapter adapterLayout() {
        return Adapter.of(adapter);
    }
}
