package contrastlab.runtime.sweep;

import java.util.List;

/**
 * One table cell: the per-run values over seeds, their mean and population standard deviation (ddof 0,
 * numpy's default, as contrastive2021 reports).
 */
public record CellStats(List<Double> values) {

    public CellStats {
        values = List.copyOf(values);
        if (values.isEmpty()) {
            throw new IllegalArgumentException("a cell needs at least one value");
        }
    }

    public int n() {
        return values.size();
    }

    public double mean() {
        double sum = 0;
        for (double v : values) {
            sum += v;
        }
        return sum / values.size();
    }

    public double std() {
        double mean = mean();
        double sq = 0;
        for (double v : values) {
            sq += (v - mean) * (v - mean);
        }
        return Math.sqrt(sq / values.size());
    }
}
