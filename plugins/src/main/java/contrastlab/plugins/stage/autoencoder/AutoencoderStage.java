package contrastlab.plugins.stage.autoencoder;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.LocalParameterServer;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import contrastlab.api.dataset.ImageDataset;
import contrastlab.api.dataset.ImageShape;
import contrastlab.api.stage.Artifacts;
import contrastlab.api.stage.FeatureMatrix;
import contrastlab.api.stage.Stage;
import contrastlab.api.stage.StageContext;
import contrastlab.api.stage.StageException;
import contrastlab.api.util.Seeds;
import java.io.IOException;
import java.nio.FloatBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Trains the denoising autoencoder on the training split with early stopping on a seeded held-out part
 * of that split (never the test set), then writes {@link Artifacts#FEATURES}: the global average of the
 * 'retrieval' layer (128 values) of every training image, in index order, from the best epoch's weights.
 *
 * <p>Images whose side is not a multiple of 8 (Fashion-MNIST's 28) are zero-padded, centred, to the next
 * multiple: three 2x2 poolings of 28 give 3 (28, 14, 7, 3) and the decoder's three upsamplings would
 * rebuild 24, not 28. The loss is measured on the original pixels only (the reconstruction is cropped).
 */
final class AutoencoderStage implements Stage {

    static final String CHECKPOINT = "checkpoint.bin";
    static final String HISTORY = "history.csv";

    private static final long SPLIT_STREAM = 0xAE01;
    private static final long SHUFFLE_STREAM = 0xAE02;
    private static final long NOISE_STREAM = 0xAE03;
    private static final long INIT_STREAM = 0xAE04;

    private final AutoencoderParameters parameters;
    private final StageContext context;

    AutoencoderStage(AutoencoderParameters parameters, StageContext context) {
        this.parameters = parameters;
        this.context = context;
    }

    /** The held-out (validation) and training indices of a split of {@code size} images. */
    static int[][] holdOut(int size, double fraction, long seed) {
        int validation = (int) Math.round(size * fraction);
        if (validation < 1 || validation >= size) {
            throw new StageException("autoencoder: validationFraction " + fraction + " of " + size + " training images"
                    + " leaves " + validation + " for validation and " + (size - validation) + " for training; both"
                    + " need at least one image: change stages' autoencoder validationFraction");
        }
        int[] order = Seeds.permutation(size, Seeds.random(seed, SPLIT_STREAM));
        int[] held = java.util.Arrays.copyOfRange(order, 0, validation);
        int[] rest = java.util.Arrays.copyOfRange(order, validation, size);
        java.util.Arrays.sort(held);
        java.util.Arrays.sort(rest);
        return new int[][] {held, rest};
    }

    @Override
    public Map<String, Double> run() throws IOException {
        ImageDataset train = context.train();
        Layout layout = Layout.of(train.shape());
        int[][] split = holdOut(train.size(), parameters.validationFraction(), context.seed());
        int[] validation = split[0];
        int[] training = split[1];
        NDManager manager = context.manager();
        manager.getEngine().setRandomSeed((int) Seeds.derive(context.seed(), INIT_STREAM));
        DenoisingAutoencoder net = new DenoisingAutoencoder(layout.shape().channels());
        net.block().initialize(manager, DataType.FLOAT32,
                new Shape(1, layout.shape().channels(), layout.height(), layout.width()));
        KerasAdam adam = new KerasAdam(parameters.lr(), manager);
        ParameterStore store = new ParameterStore(manager, false);
        store.setParameterServer(new LocalParameterServer(adam), new Device[] {manager.getDevice()});
        List<Pair<String, Parameter>> named = net.block().getParameters().stream().toList();

        Path checkpoint = context.directory().resolve(CHECKPOINT);
        TrainingState state;
        if (Files.exists(checkpoint)) {
            state = TrainingState.read(checkpoint);
            restoreWeights(named, state.weights(), checkpoint);
            Map<String, NDArray> byId = new HashMap<>();
            Map<String, float[][]> momentsById = new HashMap<>();
            for (Pair<String, Parameter> p : named) {
                float[][] mv = state.moments().get(p.getKey());
                if (mv != null) {
                    byId.put(p.getValue().getId(), p.getValue().getArray());
                    momentsById.put(p.getValue().getId(), mv);
                }
            }
            adam.restore(momentsById, byId, state.adamSteps());
            context.log("resuming after epoch " + state.epochsDone() + " from " + checkpoint.getFileName());
        } else {
            state = new TrainingState(0, List.of(), EarlyStopping.start(parameters.patience()), Map.of(), Map.of(),
                    Map.of(), 0);
        }

        List<double[]> history = new ArrayList<>(state.history());
        EarlyStopping stopping = state.stopping();
        Map<String, float[]> best = state.bestWeights();
        int epoch = state.epochsDone();
        while (epoch < parameters.epochs() && !stopping.stop()) {
            double trainMse = trainEpoch(net, store, adam, train, layout, training, epoch);
            double valMse = meanSquaredError(net, store, train, layout, validation);
            if (!Double.isFinite(trainMse) || !Double.isFinite(valMse)) {
                throw new StageException("autoencoder: the loss became " + trainMse + " (validation " + valMse
                        + ") in epoch " + (epoch + 1) + "; lower the autoencoder stage's lr");
            }
            stopping = stopping.observe(epoch, valMse);
            if (stopping.improvedLast()) {
                best = snapshot(named);
            }
            history.add(new double[] {trainMse, valMse});
            epoch++;
            new TrainingState(epoch, history, stopping, snapshot(named), best, moments(named, adam), adam.steps())
                    .write(checkpoint);
            writeHistory(context.directory().resolve(HISTORY), history);
            context.log(String.format("epoch %d/%d: train_mse %.6f, val_mse %.6f%s", epoch, parameters.epochs(), trainMse,
                    valMse, stopping.improvedLast() ? " (best)" : ""));
        }
        // Keras's restore_best_weights (TF 2.3 restores only when it stops early; here also after the last epoch)
        restoreWeights(named, best, checkpoint);
        double restoredMse = meanSquaredError(net, store, train, layout, validation);
        FeatureMatrix features = features(net, store, train, layout);
        Artifacts.writeFeatures(context.directory().resolve(Artifacts.FEATURES), features);
        context.log(String.format("best epoch %d of %d (val_mse %.6f); wrote %d x %d features", stopping.bestEpoch() + 1,
                epoch, restoredMse, features.count(), features.dim()));
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put("val_mse", restoredMse);
        metrics.put("train_mse", history.get(stopping.bestEpoch())[0]);
        metrics.put("best_epoch", (double) (stopping.bestEpoch() + 1));
        metrics.put("epochs", (double) epoch);
        return metrics;
    }

    private double trainEpoch(DenoisingAutoencoder net, ParameterStore store, KerasAdam adam, ImageDataset train,
            Layout layout, int[] training, int epoch) {
        int[] order = training.clone();
        SplittableRandom shuffle = Seeds.random(context.seed(), SHUFFLE_STREAM, epoch);
        for (int i = order.length - 1; i > 0; i--) {
            int j = shuffle.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        double sum = 0;
        int batchSize = parameters.batchSize();
        // Keras keeps the last, smaller batch
        for (int start = 0, batch = 0; start < order.length; start += batchSize, batch++) {
            int[] indices = java.util.Arrays.copyOfRange(order, start, Math.min(order.length, start + batchSize));
            SplittableRandom noise = Seeds.random(context.seed(), NOISE_STREAM, epoch, batch);
            try (NDManager step = context.manager().newSubManager()) {
                Batch b = layout.batch(train, indices, parameters.noise(), noise);
                NDArray input = step.create(FloatBuffer.wrap(b.input()), layout.inputShape(indices.length));
                NDArray target = step.create(FloatBuffer.wrap(b.target()), layout.targetShape(indices.length));
                float loss;
                try (GradientCollector collector = step.getEngine().newGradientCollector()) {
                    NDArray reconstruction = layout.crop(net.reconstruct(store, input, true));
                    NDArray mse = reconstruction.sub(target).square().mean();
                    collector.backward(mse);
                    loss = mse.getFloat();
                }
                adam.nextStep();
                store.updateAllParameters();
                sum += (double) loss * indices.length;
            }
        }
        return sum / order.length;
    }

    /** The mean squared error over every pixel of {@code indices}' clean images, in inference mode. */
    private double meanSquaredError(DenoisingAutoencoder net, ParameterStore store, ImageDataset train, Layout layout,
            int[] indices) {
        double sum = 0;
        for (int start = 0; start < indices.length; start += parameters.batchSize()) {
            int[] chunk = java.util.Arrays.copyOfRange(indices, start, Math.min(indices.length, start + parameters.batchSize()));
            try (NDManager step = context.manager().newSubManager()) {
                Batch b = layout.batch(train, chunk, 0, null);
                NDArray input = step.create(FloatBuffer.wrap(b.input()), layout.inputShape(chunk.length));
                NDArray target = step.create(FloatBuffer.wrap(b.target()), layout.targetShape(chunk.length));
                NDArray reconstruction = layout.crop(net.reconstruct(store, input, false));
                sum += reconstruction.sub(target).square().sum().getFloat();
            }
        }
        return sum / ((double) indices.length * layout.shape().size());
    }

    private FeatureMatrix features(DenoisingAutoencoder net, ParameterStore store, ImageDataset train, Layout layout) {
        float[] values = null;
        int dim = 0;
        for (int start = 0; start < train.size(); start += parameters.batchSize()) {
            int count = Math.min(parameters.batchSize(), train.size() - start);
            int[] chunk = new int[count];
            for (int i = 0; i < count; i++) {
                chunk[i] = start + i;
            }
            try (NDManager step = context.manager().newSubManager()) {
                Batch b = layout.batch(train, chunk, 0, null);
                NDArray input = step.create(FloatBuffer.wrap(b.input()), layout.inputShape(count));
                // GlobalAveragePooling2D over the 'retrieval' layer
                float[] pooled = net.retrieval(store, input).mean(new int[] {2, 3}).toFloatArray();
                if (values == null) {
                    dim = pooled.length / count;
                    values = new float[Math.multiplyExact(train.size(), dim)];
                }
                System.arraycopy(pooled, 0, values, start * dim, pooled.length);
            }
        }
        return new FeatureMatrix(train.size(), dim, values);
    }

    private static Map<String, float[]> snapshot(List<Pair<String, Parameter>> named) {
        Map<String, float[]> values = new LinkedHashMap<>();
        for (Pair<String, Parameter> p : named) {
            values.put(p.getKey(), p.getValue().getArray().toFloatArray());
        }
        return values;
    }

    private static Map<String, float[][]> moments(List<Pair<String, Parameter>> named, KerasAdam adam) {
        Map<String, float[][]> values = new LinkedHashMap<>();
        for (Pair<String, Parameter> p : named) {
            NDArray[] mv = adam.moments(p.getValue().getId());
            if (mv != null) {
                values.put(p.getKey(), new float[][] {mv[0].toFloatArray(), mv[1].toFloatArray()});
            }
        }
        return values;
    }

    /** Sets every parameter in place (the arrays the engine tracks stay the same objects). */
    private void restoreWeights(List<Pair<String, Parameter>> named, Map<String, float[]> values, Path source) {
        try (NDManager scratch = context.manager().newSubManager()) {
            for (Pair<String, Parameter> p : named) {
                float[] saved = values.get(p.getKey());
                NDArray array = p.getValue().getArray();
                if (saved == null || saved.length != array.size()) {
                    throw new StageException(source + " does not match the autoencoder (parameter " + p.getKey()
                            + "); delete the stage's directory to train it again");
                }
                // copyTo, not set: the engine may hold the array in a blocked (oneDNN) layout
                scratch.create(saved, array.getShape()).copyTo(array);
            }
        }
    }

    private static void writeHistory(Path file, List<double[]> history) throws IOException {
        StringBuilder csv = new StringBuilder("epoch,train_mse,val_mse\n");
        for (int i = 0; i < history.size(); i++) {
            csv.append(i + 1).append(',').append(history.get(i)[0]).append(',').append(history.get(i)[1]).append('\n');
        }
        Path tmp = Files.createTempFile(file.toAbsolutePath().getParent(), file.getFileName().toString(), ".tmp");
        Files.writeString(tmp, csv, StandardCharsets.UTF_8);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** A batch as floats: the (noisy, padded) network input and the clean target. */
    record Batch(float[] input, float[] target) {}

    /**
     * Where an image sits in the network's input: zero-padded, centred, to a multiple of
     * {@link DenoisingAutoencoder#DOWNSAMPLING} on each side.
     */
    record Layout(ImageShape shape, int height, int width, int top, int left) {

        static Layout of(ImageShape shape) {
            int m = DenoisingAutoencoder.DOWNSAMPLING;
            int height = (shape.height() + m - 1) / m * m;
            int width = (shape.width() + m - 1) / m * m;
            return new Layout(shape, height, width, (height - shape.height()) / 2, (width - shape.width()) / 2);
        }

        Shape inputShape(int count) {
            return new Shape(count, shape.channels(), height, width);
        }

        Shape targetShape(int count) {
            return new Shape(count, shape.channels(), shape.height(), shape.width());
        }

        boolean padded() {
            return height != shape.height() || width != shape.width();
        }

        /** The reconstruction of the original pixels. */
        NDArray crop(NDArray reconstruction) {
            if (!padded()) {
                return reconstruction;
            }
            return reconstruction.get(new NDIndex(":, :, {}:{}, {}:{}", top, top + shape.height(), left,
                    left + shape.width()));
        }

        /** Pixels scaled to [0, 1]; the input gets N(0, sigma) noise on the image's pixels (Keras's GaussianNoise). */
        Batch batch(ImageDataset dataset, int[] indices, double sigma, SplittableRandom noise) {
            int channels = shape.channels();
            int h = shape.height();
            int w = shape.width();
            float[] input = new float[indices.length * channels * height * width];
            float[] target = new float[indices.length * shape.size()];
            byte[] raw = new byte[shape.size()];
            for (int n = 0; n < indices.length; n++) {
                dataset.readImage(indices[n], raw);
                for (int c = 0; c < channels; c++) {
                    for (int y = 0; y < h; y++) {
                        int src = (c * h + y) * w;
                        int dst = ((n * channels + c) * height + y + top) * width + left;
                        for (int x = 0; x < w; x++) {
                            float v = (raw[src + x] & 0xFF) / 255f;
                            target[n * shape.size() + src + x] = v;
                            input[dst + x] = sigma > 0 ? (float) (v + sigma * noise.nextGaussian()) : v;
                        }
                    }
                }
            }
            return new Batch(input, target);
        }
    }
}
