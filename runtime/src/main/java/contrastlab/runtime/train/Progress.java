package contrastlab.runtime.train;

import java.util.Map;

/** How a session reports progress: a terminal bar for the CLI, nothing in tests. */
public interface Progress {

    /** One epoch's bar. */
    interface Epoch extends AutoCloseable {
        void step(double meanLoss, double imagesPerSecond);

        @Override
        void close();
    }

    Epoch startEpoch(int epoch, int epochs, int steps);

    /** Called with the epoch's metrics row after evaluation and checkpointing. */
    default void epochDone(int epoch, int epochs, Map<String, Double> row) {}

    /** Reports nothing. */
    static Progress silent() {
        return (epoch, epochs, steps) -> new Epoch() {
            @Override
            public void step(double meanLoss, double imagesPerSecond) {}

            @Override
            public void close() {}
        };
    }
}
