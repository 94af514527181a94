package contrastlab.runtime.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import contrastlab.runtime.run.RunDirectory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;

/**
 * The table of a sweep folder: for each cell, the mean ± population std over seeds of each run's best
 * value of the metric (summary.json {@code bestMetrics}, else its {@code stageMetrics}). Reads whatever runs have finished, whichever
 * shard ran them; rows and columns with no finished run are left out, cells with fewer runs than
 * seeds say how many they have.
 */
public final class SweepReport {

    private final String sweep;
    private final ReportSpec spec;
    private final List<Long> seeds;
    private final List<String> rowLabels;
    private final List<String> columnLabels;
    private final Map<String, Map<String, CellStats>> cells;
    private final List<RunResult> runs;

    private SweepReport(String sweep, ReportSpec spec, List<Long> seeds, List<String> rowLabels,
            List<String> columnLabels, Map<String, Map<String, CellStats>> cells, List<RunResult> runs) {
        this.sweep = sweep;
        this.spec = spec;
        this.seeds = seeds;
        this.rowLabels = rowLabels;
        this.columnLabels = columnLabels;
        this.cells = cells;
        this.runs = runs;
    }

    /** Reads {@code dir/sweep.json} and every run's summary.json. */
    public static SweepReport read(Path dir) throws IOException {
        if (!Files.exists(dir.resolve("sweep.json"))) {
            throw new IllegalArgumentException(dir + " is not a sweep folder (no sweep.json); pass the --out folder"
                    + " of 'contrastlab sweep'");
        }
        JsonNode manifest = SweepRunner.readManifest(dir);
        JsonNode r = manifest.get("report");
        ReportSpec spec = new ReportSpec(r.get("metric").asText(), r.get("rows").asText(),
                r.hasNonNull("columns") ? r.get("columns").asText() : null, r.get("percent").asBoolean());
        List<Long> seeds = new ArrayList<>();
        manifest.get("seeds").forEach(s -> seeds.add(s.asLong()));
        Map<String, List<String>> axes = new LinkedHashMap<>();
        for (JsonNode axis : manifest.get("axes")) {
            List<String> labels = new ArrayList<>();
            axis.get("labels").forEach(l -> labels.add(l.asText()));
            axes.put(axis.get("name").asText(), labels);
        }
        List<RunResult> runs = new ArrayList<>();
        for (JsonNode run : manifest.get("runs")) {
            Map<String, String> cell = new LinkedHashMap<>();
            run.get("cell").fields().forEachRemaining(e -> cell.put(e.getKey(), e.getValue().asText()));
            String id = run.get("id").asText();
            runs.add(new RunResult(id, cell, run.get("seed").asLong(), best(dir.resolve("runs").resolve(id), spec)));
        }
        return of(manifest.get("sweep").asText(), spec, seeds, axes, runs);
    }

    private static Optional<Double> best(Path runDir, ReportSpec spec) {
        Path summary = runDir.resolve("summary.json");
        if (!Files.exists(summary)) {
            return Optional.empty();
        }
        try {
            JsonNode root = SweepRunner.JSON.readTree(summary.toFile());
            JsonNode best = root.path("bestMetrics").get(spec.bestKey());
            if (best == null) {
                // a multi-stage run's after-training metrics: evaluate.p1.top1, autoencoder.val_mse, ...
                best = root.path("stageMetrics").get(spec.bestKey());
            }
            return best == null || !best.isNumber() ? Optional.empty() : Optional.of(best.asDouble());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + summary + ": " + e.getMessage(), e);
        }
    }

    /** The table of {@code runs} laid out by {@code spec} (axes: name to labels in grid order). */
    public static SweepReport of(String sweep, ReportSpec spec, List<Long> seeds, Map<String, List<String>> axes,
            List<RunResult> runs) {
        Map<String, Map<String, List<Double>>> values = new LinkedHashMap<>();
        for (RunResult run : runs) {
            if (run.value().isPresent()) {
                values.computeIfAbsent(run.cell().get(spec.rows()), k -> new LinkedHashMap<>())
                        .computeIfAbsent(column(spec, run), k -> new ArrayList<>()).add(run.value().get());
            }
        }
        List<String> rows = axes.get(spec.rows()).stream().filter(values::containsKey).toList();
        List<String> allColumns = spec.columns() == null ? List.of(spec.metric()) : axes.get(spec.columns());
        List<String> columns = allColumns.stream()
                .filter(c -> values.values().stream().anyMatch(m -> m.containsKey(c))).toList();
        Map<String, Map<String, CellStats>> cells = new LinkedHashMap<>();
        values.forEach((row, byColumn) -> byColumn.forEach((column, list) ->
                cells.computeIfAbsent(row, k -> new LinkedHashMap<>()).put(column, new CellStats(list))));
        return new SweepReport(sweep, spec, List.copyOf(seeds), rows, columns, cells, List.copyOf(runs));
    }

    private static String column(ReportSpec spec, RunResult run) {
        return spec.columns() == null ? spec.metric() : run.cell().get(spec.columns());
    }

    public Optional<CellStats> cell(String row, String column) {
        return Optional.ofNullable(cells.getOrDefault(row, Map.of()).get(column));
    }

    public List<String> rows() {
        return rowLabels;
    }

    public List<String> columns() {
        return columnLabels;
    }

    private double scale(double v) {
        return spec.percent() ? 100 * v : v;
    }

    private String number(double v) {
        return String.format(Locale.ROOT, spec.percent() ? "%.2f" : "%.4f", scale(v));
    }

    /** Four decimals, for the CSV (the table rounds to two). */
    private String precise(double v) {
        return String.format(Locale.ROOT, "%.4f", scale(v));
    }

    /** "mean ± std", with "(n=k)" when fewer runs than seeds have finished. */
    String format(CellStats s) {
        return number(s.mean()) + " ± " + number(s.std()) + (s.n() < seeds.size() ? " (n=" + s.n() + ")" : "");
    }

    /** The Markdown report: a title, what the numbers are, the table. */
    public String markdown() {
        StringBuilder sb = new StringBuilder();
        sb.append("# ").append(sweep).append("\n\n");
        sb.append("`").append(spec.metric()).append("`: each run's best value over epochs")
                .append(spec.percent() ? ", in %" : "").append("; mean ± population std (ddof 0) over seeds ")
                .append(String.join(", ", seeds.stream().map(String::valueOf).toList())).append(".\n\n");
        sb.append("| ").append(spec.rows()).append(" |");
        columnLabels.forEach(c -> sb.append(' ').append(c).append(" |"));
        sb.append("\n|---|");
        columnLabels.forEach(c -> sb.append("---|"));
        sb.append('\n');
        for (String row : rowLabels) {
            sb.append("| ").append(row).append(" |");
            for (String column : columnLabels) {
                sb.append(' ').append(cell(row, column).map(this::format).orElse("–")).append(" |");
            }
            sb.append('\n');
        }
        long done = runs.stream().filter(r -> r.value().isPresent()).count();
        sb.append("\nRuns with a result: ").append(done).append(" of ").append(runs.size()).append(".\n");
        return sb.toString();
    }

    /** The table as CSV: one line per row label; mean, std (4 decimals, unit as in the table) and n per column label. */
    public String csv() {
        StringBuilder sb = new StringBuilder(csvField(spec.rows()));
        for (String c : columnLabels) {
            sb.append(',').append(csvField(c + " mean")).append(',').append(csvField(c + " std"))
                    .append(',').append(csvField(c + " n"));
        }
        sb.append('\n');
        for (String row : rowLabels) {
            sb.append(csvField(row));
            for (String column : columnLabels) {
                Optional<CellStats> s = cell(row, column);
                sb.append(',').append(s.map(x -> precise(x.mean())).orElse(""))
                        .append(',').append(s.map(x -> precise(x.std())).orElse(""))
                        .append(',').append(s.map(x -> Integer.toString(x.n())).orElse(""));
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    /** Every run: its cell, seed and best value (raw, as in summary.json); empty when not finished. */
    public String runsCsv() {
        List<String> axes = runs.isEmpty() ? List.of() : new ArrayList<>(runs.get(0).cell().keySet());
        StringBuilder sb = new StringBuilder("run");
        axes.forEach(a -> sb.append(',').append(csvField(a)));
        sb.append(",seed,").append(csvField(spec.bestKey() + ".best")).append('\n');
        for (RunResult run : runs) {
            sb.append(csvField(run.id()));
            axes.forEach(a -> sb.append(',').append(csvField(run.cell().get(a))));
            sb.append(',').append(run.seed()).append(',').append(run.value().map(String::valueOf).orElse("")).append('\n');
        }
        return sb.toString();
    }

    private static String csvField(String s) {
        return s.contains(",") || s.contains("\"") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }

    /** A grouped bar chart: rows on the x axis, one bar series per column, error bars of one std. */
    public CategoryChart chart() {
        System.setProperty("java.awt.headless", "true");
        CategoryChart chart = new CategoryChartBuilder().width(900).height(520).title(sweep)
                .xAxisTitle(spec.rows()).yAxisTitle(spec.metric() + (spec.percent() ? " (%)" : "")).build();
        chart.getStyler().setLegendVisible(spec.columns() != null);
        chart.getStyler().setYAxisDecimalPattern(spec.percent() ? "0.0" : "0.000");
        for (String column : columnLabels) {
            List<String> x = new ArrayList<>();
            List<Double> y = new ArrayList<>();
            List<Double> error = new ArrayList<>();
            for (String row : rowLabels) {
                x.add(row);
                Optional<CellStats> s = cell(row, column);
                // a missing cell draws no bar (XChart skips null values)
                y.add(s.map(c -> scale(c.mean())).orElse(null));
                error.add(s.map(c -> scale(c.std())).orElse(0.0));
            }
            chart.addSeries(column, x, y, error);
        }
        return chart;
    }

    /** Writes report.md, report.csv, runs.csv and report.png into {@code dir}. */
    public void write(Path dir) throws IOException {
        RunDirectory.writeAtomically(dir.resolve("report.md"), markdown());
        RunDirectory.writeAtomically(dir.resolve("report.csv"), csv());
        RunDirectory.writeAtomically(dir.resolve("runs.csv"), runsCsv());
        if (!columnLabels.isEmpty()) {
            CategoryChart chart = chart();
            RunDirectory.writeAtomically(dir.resolve("report.png"),
                    out -> BitmapEncoder.saveBitmap(chart, out, BitmapEncoder.BitmapFormat.PNG));
        }
    }
}
