package contrastlab.runtime.cli;

import contrastlab.runtime.sweep.SweepReport;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Options;
import org.apache.commons.cli.ParseException;

/** {@code contrastlab report SWEEP_DIR}: report.md, report.csv, runs.csv, report.png from every finished run. */
final class ReportCommand extends Command {

    ReportCommand(PrintStream out, PrintStream err) {
        super(out, err);
    }

    @Override
    int run(String[] args) throws ParseException, IOException {
        CommandLine line = parse(new Options(), args);
        Path dir = Path.of(positional(line, "SWEEP_DIR", "report"));
        SweepReport report;
        try {
            report = SweepReport.read(dir);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        report.write(dir);
        err.println("contrastlab: wrote " + dir.resolve("report.md") + ", report.csv, runs.csv"
                + (report.columns().isEmpty() ? "" : ", report.png"));
        out.print(report.markdown());
        return Main.OK;
    }
}
