package contrastlab.runtime.cli;

import contrastlab.api.dataset.DatasetException;
import contrastlab.api.stage.StageException;
import contrastlab.runtime.device.DeviceException;
import contrastlab.runtime.plugin.PluginException;
import contrastlab.runtime.recipe.RecipeException;
import contrastlab.runtime.train.TrainingDivergedException;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Map;
import org.apache.commons.cli.ParseException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code contrastlab COMMAND ...}. Exit codes: 0 success, 2 usage or recipe error, 1 runtime failure.
 * Errors are one line on standard error; standard output carries only the command's own results.
 */
public final class Main {

    public static final int OK = 0;
    public static final int FAILURE = 1;
    public static final int USAGE = 2;

    private static final Logger LOG = LoggerFactory.getLogger(Main.class);

    private static final String USAGE_TEXT = String.join("\n",
            "usage: contrastlab COMMAND [options]",
            "  train RECIPE [--set k=v]... [--out DIR] [--resume] [--runs DIR]   train a recipe",
            "  eval RUN_DIR [--protocol knn] [--set k=v]...                   evaluate a run's checkpoint",
            "  validate RECIPE [--set k=v]...                                  parse, wire and run one batch",
            "  plugins [KIND]                                                  list discovered plugins",
            "  bench RECIPE [--steps N] [--warmup N] [--set k=v]...            measure step and data speed",
            "  sweep SWEEP [--workers W] [--shard I/N] [--out DIR] [--only AXIS=L,..] [--dry-run]  run a grid",
            "  report SWEEP_DIR                                                table + plot of a sweep folder",
            "common: --plugins DIR (extra plugin jars, repeatable), --help");

    private Main() {}

    public static void main(String[] args) {
        System.setProperty("java.awt.headless", "true");
        int code = run(args, System.out, System.err);
        System.out.flush();
        System.exit(code);
    }

    /** Runs a command; never calls {@link System#exit}. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length == 0 || args[0].equals("--help") || args[0].equals("-h") || args[0].equals("help")) {
            (args.length == 0 ? err : out).println(USAGE_TEXT);
            return args.length == 0 ? USAGE : OK;
        }
        String command = args[0];
        String[] rest = Arrays.copyOfRange(args, 1, args.length);
        try {
            return switch (command) {
                case "train" -> new TrainCommand(out, err).run(rest);
                case "eval" -> new EvalCommand(out, err).run(rest);
                case "validate" -> new ValidateCommand(out, err).run(rest);
                case "plugins" -> new PluginsCommand(out, err).run(rest);
                case "bench" -> new BenchCommand(out, err).run(rest);
                case "sweep" -> new SweepCommand(out, err).run(rest);
                case "report" -> new ReportCommand(out, err).run(rest);
                default -> throw new UsageException("unknown command '" + command
                        + "'; known: train, eval, validate, plugins, bench, sweep, report (see contrastlab --help)");
            };
        } catch (UsageException | ParseException e) {
            err.println("contrastlab: error: " + e.getMessage());
            return USAGE;
        } catch (RecipeException | PluginException e) {
            err.println("contrastlab: error: " + e.getMessage());
            return USAGE;
        } catch (RuntimeException e) {
            RuntimeException cause = Session.unwrap(e);
            if (cause instanceof RecipeException || cause instanceof PluginException) {
                err.println("contrastlab: error: " + cause.getMessage());
                return USAGE;
            }
            if (cause instanceof UncheckedIOException u) {
                err.println("contrastlab: error: " + u.getCause().getMessage());
                return FAILURE;
            }
            if (cause instanceof DeviceException || cause instanceof TrainingDivergedException
                    || cause instanceof IllegalArgumentException || cause instanceof StageException) {
                err.println("contrastlab: error: " + cause.getMessage());
                return FAILURE;
            }
            LOG.error("unexpected failure", cause);
            err.println("contrastlab: error: " + cause + " (see the log above)");
            return FAILURE;
        } catch (DatasetException e) {
            err.println("contrastlab: error: " + e.getMessage());
            return FAILURE;
        } catch (IOException e) {
            err.println("contrastlab: error: " + e.getMessage());
            return FAILURE;
        }
    }

    /** Formats a metrics map for one line of output. */
    static String describe(Map<String, Double> metrics) {
        StringBuilder sb = new StringBuilder();
        metrics.forEach((k, v) -> sb.append(sb.length() == 0 ? "" : "  ").append(k).append(' ')
                .append(String.format("%.2f%%", 100 * v)));
        return sb.toString();
    }
}
