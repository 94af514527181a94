package contrastlab.plugins.pretext.jigsaw;

/**
 * Parameters of the {@code jigsaw} pretext task.
 *
 * @param tileDim output size of the shared per-tile Linear-ReLU-Dropout (ScatSimCLR: 512)
 * @param hidden output size of the Linear after the 9 tiles are concatenated (ScatSimCLR: 4096)
 * @param dropout the Dropout rate of both stages
 */
public record JigsawParameters(int tileDim, int hidden, double dropout) {

    public JigsawParameters {
        if (tileDim <= 0 || hidden <= 0) {
            throw new IllegalArgumentException("jigsaw tileDim and hidden must be positive, got " + tileDim + ", "
                    + hidden);
        }
        if (!(dropout >= 0 && dropout < 1)) {
            throw new IllegalArgumentException("jigsaw dropout must be in [0, 1), got " + dropout);
        }
    }
}
