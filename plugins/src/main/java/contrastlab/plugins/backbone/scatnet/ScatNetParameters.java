package contrastlab.plugins.backbone.scatnet;

import ai.djl.Device;
import java.util.List;

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
 * @param implementation how the block computes the scattering of raw images: {@code java} = the Java
 *     FFT on the CPU cores, whatever the device (the faster one on a CPU, several times the engine
 *     path's speed here); {@code engine} = engine operations (every DFT a matrix product) on the
 *     device of the block's input, so that on a GPU the scattering runs there; {@code auto} (the
 *     default) = engine when the input array is on a GPU, java otherwise, decided at each forward pass.
 *     The output is the same (to float32 precision), and so is the checkpoint (no parameters).
 */
public record ScatNetParameters(int J, int L, String adapter, double widthFactor, String implementation) {

    public static final String AUTO = "auto";
    public static final String JAVA = "java";
    public static final String ENGINE = "engine";
    private static final List<String> IMPLEMENTATIONS = List.of(AUTO, JAVA, ENGINE);

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
        if (implementation == null || !IMPLEMENTATIONS.contains(implementation)) {
            throw new IllegalArgumentException("backbone.implementation must be one of " + String.join(", ", IMPLEMENTATIONS)
                    + "; got " + (implementation == null ? "nothing" : "'" + implementation + "'"));
        }
    }

    /** The default implementation ({@code auto}). */
    public ScatNetParameters(int J, int L, String adapter, double widthFactor) {
        this(J, L, adapter, widthFactor, AUTO);
    }

    /** The paper's widths. */
    public ScatNetParameters(int J, int L, String adapter) {
        this(J, L, adapter, 1.0);
    }

    /** Whether the scattering of images on {@code device} runs as engine operations. */
    static boolean onEngine(String implementation, Device device) {
        return implementation.equals(ENGINE) || (implementation.equals(AUTO) && device.isGpu());
    }

    /** An adapter channel count scaled by {@link #widthFactor()}. */
    int width(int channels) {
        return Math.max(1, (int) Math.round(channels * widthFactor));
    }

    Adapter adapterLayout() {
        return Adapter.of(adapter);
    }
}
