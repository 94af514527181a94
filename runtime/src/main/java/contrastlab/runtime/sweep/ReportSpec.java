package contrastlab.runtime.sweep;

/**
 * What {@code contrastlab report} tabulates.
 *
 * @param metric  an evaluator metric as named in metrics.csv ({@code knn.top1}); each run contributes its best
 *                value over epochs (summary.json {@code bestMetrics}); a trailing {@code .best} is accepted;
 *                or a multi-stage run's stage metric ({@code evaluate.p1.top1}, summary.json {@code stageMetrics})
 * @param rows    the grid axis laid out as table rows
 * @param columns the grid axis laid out as table columns, or null for a single column
 * @param percent whether values are fractions shown as percentages (default true)
 */
public record ReportSpec(String metric, String rows, String columns, boolean percent) {

    /** The key in summary.json's {@code bestMetrics} (or {@code stageMetrics}). */
    public String bestKey() {
        return metric.endsWith(".best") ? metric.substring(0, metric.length() - ".best".length()) : metric;
    }
}
