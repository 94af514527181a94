package contrastlab.runtime.run;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** PNG curves of the loss and of every evaluator metric per epoch (XChart). */
public final class Plots {

    private Plots() {}

    /** Writes {@code loss.png} and, when evaluations ran, {@code accuracy.png}. */
    public static void write(Path dir, List<Map<String, Double>> rows, List<String> accuracyColumns) throws IOException {
        if (rows.isEmpty()) {
            return;
        }
        System.setProperty("java.awt.headless", "true");
        XYChart loss = chart("loss per epoch", "loss");
        addSeries(loss, rows, "loss", "loss");
        save(loss, dir.resolve("loss.png"));
        XYChart accuracy = chart("evaluation per epoch", "accuracy (%)");
        boolean any = false;
        for (String column : accuracyColumns) {
            any |= addSeries(accuracy, rows, column, column);
        }
        if (any) {
            save(accuracy, dir.resolve("accuracy.png"));
        }
    }

    private static XYChart chart(String title, String yTitle) {
        XYChart chart = new XYChartBuilder().width(800).height(500).title(title).xAxisTitle("epoch").yAxisTitle(yTitle).build();
        chart.getStyler().setLegendVisible(true);
        return chart;
    }

    private static boolean addSeries(XYChart chart, List<Map<String, Double>> rows, String column, String name) {
        List<Double> x = new ArrayList<>();
        List<Double> y = new ArrayList<>();
        boolean percent = !column.equals("loss");
        for (Map<String, Double> row : rows) {
            Double v = row.get(column);
            if (v != null && !v.isNaN()) {
                x.add(row.get("epoch"));
                y.add(percent ? 100 * v : v);
            }
        }
        if (x.isEmpty()) {
            return false;
        }
        // markers while the points are few enough to tell apart (evaluations every few epochs)
        chart.addSeries(name, x, y).setMarker(x.size() <= 30 ? SeriesMarkers.CIRCLE : SeriesMarkers.NONE);
        return true;
    }

    private static void save(XYChart chart, Path file) throws IOException {
        RunDirectory.writeAtomically(file, out -> BitmapEncoder.saveBitmap(chart, out, BitmapEncoder.BitmapFormat.PNG));
    }
}
