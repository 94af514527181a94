package contrastlab.runtime.cli;

import contrastlab.runtime.train.Progress;
import java.io.PrintStream;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.stream.Collectors;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.DelegatingProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * A progress bar per epoch (loss, img/s, ETA) on standard error, and one line per finished epoch.
 * Off a terminal (CI logs) the bar is redrawn as a line every 30 seconds instead of in place.
 */
final class TerminalProgress implements Progress {

    private final PrintStream out;
    private final boolean interactive;
    private final boolean bars;

    /** @param bars false prints only the line per finished epoch */
    TerminalProgress(PrintStream out, boolean bars) {
        this.out = out;
        this.interactive = System.console() != null;
        this.bars = bars;
    }

    @Override
    public Epoch startEpoch(int epoch, int epochs, int steps) {
        if (!bars) {
            return Progress.silent().startEpoch(epoch, epochs, steps);
        }
        ProgressBarBuilder builder = new ProgressBarBuilder()
                .setTaskName(String.format("epoch %d/%d", epoch + 1, epochs))
                .setInitialMax(steps)
                .setStyle(ProgressBarStyle.ASCII)
                .setUnit(" steps", 1)
                .setSpeedUnit(ChronoUnit.SECONDS)
                .continuousUpdate();
        if (interactive) {
            builder.setConsumer(new ConsoleProgressBarConsumer(out)).setUpdateIntervalMillis(500);
        } else {
            builder.setConsumer(new DelegatingProgressBarConsumer(out::println)).setUpdateIntervalMillis(30_000);
        }
        ProgressBar bar = builder.build();
        return new Epoch() {
            @Override
            public void step(double meanLoss, double imagesPerSecond) {
                bar.setExtraMessage(String.format("loss %.4f  %.0f img/s", meanLoss, imagesPerSecond));
                bar.step();
            }

            @Override
            public void close() {
                bar.close();
            }
        };
    }

    @Override
    public void epochDone(int epoch, int epochs, Map<String, Double> row) {
        String evals = row.entrySet().stream()
                .filter(e -> e.getKey().contains(".") && !e.getKey().endsWith(".best"))
                .map(e -> String.format("%s %.2f%% (best %.2f%%)", e.getKey(), 100 * e.getValue(),
                        100 * row.getOrDefault(e.getKey() + ".best", e.getValue())))
                .collect(Collectors.joining("  "));
        out.printf("epoch %d/%d  loss %.4f  %.0f img/s  %.1f s  %s%n", epoch + 1, epochs, row.get("loss"),
                row.get("img_per_s"), row.get("epoch_s"), evals);
    }
}
