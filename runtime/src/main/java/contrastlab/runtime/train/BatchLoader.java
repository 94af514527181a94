package contrastlab.runtime.train;

import contrastlab.api.augment.Augmentation;
import contrastlab.api.augment.Image;
import contrastlab.api.backbone.InputTransform;
import contrastlab.api.dataset.ImageDataset;
import contrastlab.api.dataset.ImageShape;
import contrastlab.api.pretext.PretextSample;
import contrastlab.api.pretext.PretextTask;
import contrastlab.api.util.Seeds;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Decodes and augments batches on worker threads while the training step runs. Every random draw of
 * image {@code i}, view {@code v} in epoch {@code e} comes from {@code Seeds.random(seed, e, i, v)},
 * so the images do not depend on the number of threads or their timing. With shared draws every image
 * of a batch uses the draws of its first image (G-SimCLR's batch-level augmentation). A backbone's
 * {@link InputTransform}, when given, is applied last to every view and pretext input of its input shape.
 */
public final class BatchLoader implements AutoCloseable {

    /** Coordinate used instead of a view number for pretext inputs. */
    private static final int PRETEXT_STREAM = 1 << 20;

    private final ImageDataset dataset;
    private final List<Augmentation> viewPipelines;
    private final List<PretextTask> pretextTasks;
    private final long seed;
    private final boolean sharedDraws;
    private final Optional<InputTransform> inputTransform;
    private final int prefetch;
    private final ExecutorService workers;

    public BatchLoader(ImageDataset dataset, List<Augmentation> viewPipelines, List<PretextTask> pretextTasks,
            long seed, int workers, int prefetch) {
        this(dataset, viewPipelines, pretextTasks, seed, false, workers, prefetch);
    }

    public BatchLoader(ImageDataset dataset, List<Augmentation> viewPipelines, List<PretextTask> pretextTasks,
            long seed, boolean sharedDraws, int workers, int prefetch) {
        this(dataset, viewPipelines, pretextTasks, seed, sharedDraws, Optional.empty(), workers, prefetch);
    }

    public BatchLoader(ImageDataset dataset, List<Augmentation> viewPipelines, List<PretextTask> pretextTasks,
            long seed, boolean sharedDraws, Optional<InputTransform> inputTransform, int workers, int prefetch) {
        this.dataset = dataset;
        this.sharedDraws = sharedDraws;
        this.inputTransform = inputTransform;
        this.viewPipelines = List.copyOf(viewPipelines);
        this.pretextTasks = List.copyOf(pretextTasks);
        this.seed = seed;
        this.prefetch = Math.max(prefetch, workers);
        AtomicInteger count = new AtomicInteger();
        this.workers = Executors.newFixedThreadPool(workers, r -> {
            Thread t = new Thread(r, "contrastlab-data-" + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /** The batches of one epoch, prepared ahead in order. */
    public Iterator<PreparedBatch> iterate(int epoch, List<int[]> batches) {
        return new Iterator<>() {
            private final Deque<Future<PreparedBatch>> pending = new ArrayDeque<>();
            private int submitted;

            {
                fill();
            }

            private void fill() {
                while (pending.size() < prefetch && submitted < batches.size()) {
                    int[] indices = batches.get(submitted++);
                    pending.add(workers.submit(() -> prepare(epoch, indices)));
                }
            }

            @Override
            public boolean hasNext() {
                return !pending.isEmpty();
            }

            @Override
            public PreparedBatch next() {
                Future<PreparedBatch> head = pending.poll();
                if (head == null) {
                    throw new NoSuchElementException();
                }
                fill();
                try {
                    return head.get();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while waiting for a batch", e);
                } catch (ExecutionException e) {
                    pending.forEach(f -> f.cancel(true));
                    if (e.getCause() instanceof RuntimeException re) {
                        throw re;
                    }
                    throw new DataLoadingException(e.getCause());
                }
            }
        };
    }

    /** Decodes and augments one batch on the calling thread. */
    public PreparedBatch prepare(int epoch, int[] indices) throws java.io.IOException {
        ImageShape shape = dataset.shape();
        byte[] raw = new byte[shape.size()];
        int n = indices.length;
        int views = viewPipelines.size();
        List<float[]> viewData = new ArrayList<>(views);
        List<ImageShape> viewShapes = new ArrayList<>(views);
        int[] labels = new int[n];
        float[][] pretextData = new float[pretextTasks.size()][];
        ImageShape[] pretextShapes = new ImageShape[pretextTasks.size()];
        int[] pretextPerImage = new int[pretextTasks.size()];
        int[][] pretextLabels = new int[pretextTasks.size()][];
        for (int i = 0; i < n; i++) {
            int index = indices[i];
            dataset.readImage(index, raw);
            labels[i] = dataset.label(index);
            Image original = Image.fromBytes(shape, raw);
            for (int v = 0; v < views; v++) {
                SplittableRandom random = Seeds.random(seed, epoch, sharedDraws ? indices[0] : index, v);
                Image view = viewPipelines.get(v).apply(original.copy(), random);
                if (i == 0) {
                    viewShapes.add(view.shape());
                    viewData.add(new float[n * view.pixels().length]);
                } else if (!view.shape().equals(viewShapes.get(v))) {
                    throw new IllegalStateException("view " + v + " of image " + index + " is " + view.shape()
                            + " but earlier images gave " + viewShapes.get(v)
                            + "; end the augment pipeline with a fixed-size step (e.g. random-resized-crop)");
                }
                System.arraycopy(view.pixels(), 0, viewData.get(v), i * view.pixels().length, view.pixels().length);
            }
            for (int t = 0; t < pretextTasks.size(); t++) {
                SplittableRandom random = Seeds.random(seed, epoch, index, PRETEXT_STREAM + t);
                PretextSample sample = pretextTasks.get(t).prepare(original.copy(), viewPipelines.get(0), random);
                if (i == 0) {
                    pretextShapes[t] = sample.inputs().get(0).shape();
                    pretextPerImage[t] = sample.inputs().size();
                    pretextData[t] = new float[n * pretextPerImage[t] * pretextShapes[t].size()];
                    pretextLabels[t] = new int[n * sample.labels().length];
                }
                int size = pretextShapes[t].size();
                for (int k = 0; k < sample.inputs().size(); k++) {
                    Image input = sample.inputs().get(k);
                    if (!input.shape().equals(pretextShapes[t]) || sample.inputs().size() != pretextPerImage[t]) {
                        throw new IllegalStateException("pretext task " + t + " made inputs of varying shape or count");
                    }
                    System.arraycopy(input.pixels(), 0, pretextData[t], (i * pretextPerImage[t] + k) * size, size);
                }
                System.arraycopy(sample.labels(), 0, pretextLabels[t], i * sample.labels().length, sample.labels().length);
            }
        }
        if (inputTransform.isPresent()) {
            InputTransform transform = inputTransform.get();
            for (int v = 0; v < views; v++) {
                if (viewShapes.get(v).equals(transform.inputShape())) {
                    viewData.set(v, transform.apply(viewData.get(v), n));
                    viewShapes.set(v, transform.outputShape());
                }
            }
            for (int t = 0; t < pretextTasks.size(); t++) {
                if (pretextShapes[t].equals(transform.inputShape())) {
                    pretextData[t] = transform.apply(pretextData[t], n * pretextPerImage[t]);
                    pretextShapes[t] = transform.outputShape();
                }
            }
        }
        List<PreparedBatch.PretextInputs> pretext = new ArrayList<>();
        for (int t = 0; t < pretextTasks.size(); t++) {
            pretext.add(new PreparedBatch.PretextInputs(pretextData[t], pretextShapes[t], n * pretextPerImage[t],
                    pretextLabels[t]));
        }
        return new PreparedBatch(indices, viewData, viewShapes, labels, pretext);
    }

    @Override
    public void close() {
        workers.shutdownNow();
    }

    /** A checked failure while reading a dataset on a worker thread. */
    public static final class DataLoadingException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        DataLoadingException(Throwable cause) {
            super(cause.getMessage(), cause);
        }
    }
}
