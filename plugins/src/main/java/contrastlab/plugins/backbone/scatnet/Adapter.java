package contrastlab.plugins.backbone.scatnet;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The ScatSimCLR adapters ({@code vkinakh/scatsimclr} {@code src/models/scatnet_simclr.py}): conv3x3
 * to {@code stem} channels + BN + ReLU, then stages of stride-1 BasicBlocks ({@code planes x blocks}),
 * adaptive average pooling to 4x4 and flattening; {@code NONE} keeps the flattened scattering
 * coefficients.
 */
enum Adapter {
    NONE("none", 0),
    SCATSIMCLR8("scatsimclr8", 32, 64, 4, 128, 4),
    SCATSIMCLR12("scatsimclr12", 256, 128, 4, 64, 4, 128, 4),
    SCATSIMCLR16("scatsimclr16", 256, 128, 6, 64, 4, 128, 6),
    SCATSIMCLR30("scatsimclr30", 256, 128, 30),
    SCATSIMCLR45("scatsimclr45", 256, 128, 15, 64, 15, 128, 15);

    /** Side of the adaptive average pooling's output. */
    static final int POOLED = 4;

    private final String key;
    private final int stem;
    /** (planes, blocks) pairs. */
    private final int[] stages;

    Adapter(String key, int stem, int... stages) {
        this.key = key;
        this.stem = stem;
        this.stages = stages;
    }

    String key() {
        return key;
    }

    int stem() {
        return stem;
    }

    int stageCount() {
        return stages.length / 2;
    }

    int planes(int stage) {
        return stages[2 * stage];
    }

    int blocks(int stage) {
        return stages[2 * stage + 1];
    }

    static Adapter of(String key) {
        for (Adapter a : values()) {
            if (a.key.equals(key)) {
                return a;
            }
        }
        throw new IllegalArgumentException("scatnet adapter '" + key + "' is not valid; valid: " + keys());
    }

    static List<String> keys() {
        return Arrays.stream(values()).map(Adapter::key).collect(Collectors.toList());
    }
}
