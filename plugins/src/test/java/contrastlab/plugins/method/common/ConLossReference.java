package contrastlab.plugins.method.common;

/**
 * SelfCon's {@code ConLoss.forward} (losses/losses.py, contrast mode 'all') written out in doubles,
 * step by step as the original computes it, for tests: features {@code F[B][V][d]} are L2-normalised
 * first (the heads' F.normalize), stacked view-major, the label (or identity) mask is tiled V x V,
 * the anchor itself is masked out, SupCon-S drops anchors without a positive, and the mean of
 * -(tau/tauBase) * mean_log_prob_pos is taken over the anchors.
 */
public final class ConLossReference {

    private ConLossReference() {}

    /**
     * @param features {@code [B][V][d]}, not yet normalised
     * @param labels B labels, or null (identity mask)
     * @param supconS drop anchors without a positive (the original does it only for SupCon-S; its
     *     other uses would divide by zero there)
     */
    public static double loss(double[][][] features, int[] labels, boolean supconS, double tau, double baseTau) {
        int b = features.length;
        int v = features[0].length;
        int m = b * v;
        double[][] contrast = new double[m][];
        for (int view = 0; view < v; view++) {
            for (int i = 0; i < b; i++) {
                contrast[view * b + i] = normalize(features[i][view]);
            }
        }
        double total = 0;
        int anchors = 0;
        for (int a = 0; a < m; a++) {
            double[] logits = new double[m];
            double max = Double.NEGATIVE_INFINITY;
            for (int c = 0; c < m; c++) {
                logits[c] = dot(contrast[a], contrast[c]) / tau;
                max = Math.max(max, logits[c]);
            }
            double expSum = 0;
            double maskSum = 0;
            for (int c = 0; c < m; c++) {
                logits[c] -= max;
                if (c != a) {
                    expSum += Math.exp(logits[c]);
                    maskSum += positive(labels, a % b, c % b);
                }
            }
            if (maskSum == 0) {
                if (supconS) {
                    continue;
                }
                throw new IllegalArgumentException("anchor " + a + " has no positive: the original gives NaN");
            }
            double meanLogProbPos = 0;
            for (int c = 0; c < m; c++) {
                if (c != a) {
                    meanLogProbPos += positive(labels, a % b, c % b) * (logits[c] - Math.log(expSum));
                }
            }
            meanLogProbPos /= maskSum;
            total += -(tau / baseTau) * meanLogProbPos;
            anchors++;
        }
        return total / anchors;
    }

    /** The gradient of {@link #loss} with respect to every feature, by central differences. */
    public static double[][][] gradient(double[][][] features, int[] labels, boolean supconS, double tau,
            double baseTau) {
        double h = 1e-6;
        double[][][] g = new double[features.length][features[0].length][features[0][0].length];
        for (int i = 0; i < features.length; i++) {
            for (int view = 0; view < features[i].length; view++) {
                for (int c = 0; c < features[i][view].length; c++) {
                    double keep = features[i][view][c];
                    features[i][view][c] = keep + h;
                    double up = loss(features, labels, supconS, tau, baseTau);
                    features[i][view][c] = keep - h;
                    double down = loss(features, labels, supconS, tau, baseTau);
                    features[i][view][c] = keep;
                    g[i][view][c] = (up - down) / (2 * h);
                }
            }
        }
        return g;
    }

    private static double positive(int[] labels, int i, int j) {
        if (labels == null) {
            return i == j ? 1 : 0;
        }
        return labels[i] == labels[j] ? 1 : 0;
    }

    private static double[] normalize(double[] x) {
        double norm = Math.max(Math.sqrt(dot(x, x)), 1e-12);
        double[] out = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            out[i] = x[i] / norm;
        }
        return out;
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }
}
