package contrastlab.runtime.run;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * One row per epoch. The whole file is rewritten (atomically) after every epoch because evaluators
 * add columns on the epochs they run; rows are kept in memory and in the checkpoint.
 */
public final class MetricsLog {

    private final List<Map<String, Double>> rows = new ArrayList<>();

    public void add(Map<String, Double> row) {
        rows.add(new LinkedHashMap<>(row));
    }

    public List<Map<String, Double>> rows() {
        return rows;
    }

    public void replaceAll(List<Map<String, Double>> restored) {
        rows.clear();
        restored.forEach(this::add);
    }

    /** The best value of {@code column} so far (higher is better), if it was ever measured. */
    public Optional<Double> best(String column) {
        return rows.stream().map(r -> r.get(column)).filter(v -> v != null && !v.isNaN()).max(Double::compare);
    }

    /** The most recent value of {@code column}. */
    public Optional<Double> last(String column) {
        for (int i = rows.size() - 1; i >= 0; i--) {
            Double v = rows.get(i).get(column);
            if (v != null) {
                return Optional.of(v);
            }
        }
        return Optional.empty();
    }

    public Set<String> columns() {
        Set<String> columns = new LinkedHashSet<>();
        rows.forEach(r -> columns.addAll(r.keySet()));
        return columns;
    }

    public void write(Path file) throws IOException {
        List<String> columns = new ArrayList<>(columns());
        StringWriter out = new StringWriter();
        try (CSVPrinter csv = new CSVPrinter(out, CSVFormat.DEFAULT.builder().setHeader(columns.toArray(String[]::new)).build())) {
            for (Map<String, Double> row : rows) {
                List<String> values = new ArrayList<>();
                for (String c : columns) {
                    Double v = row.get(c);
                    values.add(v == null ? "" : format(c, v));
                }
                csv.printRecord(values);
            }
        }
        RunDirectory.writeAtomically(file, out.toString());
    }

    private static String format(String column, double v) {
        if (column.equals("epoch") || column.equals("step")) {
            return Long.toString((long) v);
        }
        return Double.toString(v);
    }
}
