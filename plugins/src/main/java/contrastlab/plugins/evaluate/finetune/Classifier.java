package contrastlab.plugins.evaluate.finetune;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import contrastlab.api.augment.Augmentation;
import contrastlab.api.dataset.ImageDataset;
import java.nio.FloatBuffer;
import java.util.stream.IntStream;

/**
 * The fine-tuned net: the encoder's features (the first output of the backbone block) into a Dense
 * classifier, plus what the protocol measures in inference mode, outside any gradient collector.
 */
final class Classifier extends AbstractBlock {

    private static final int BATCH = 256;

    private final Block encoder;
    private final Block head;
    private final int classes;

    Classifier(Block encoder, Block head, int classes) {
        this.encoder = addChildBlock("encoder", encoder);
        this.head = addChildBlock("head", head);
        this.classes = classes;
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
            PairList<String, Object> params) {
        NDArray features = encoder.forward(store, inputs, training, params).head();
        return head.forward(store, new NDList(features), training, params);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return head.getOutputShapes(new Shape[] {encoder.getOutputShapes(inputShapes)[0]});
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        // both children arrive initialised: the encoder is a copy of the run's, the head is set by the evaluator
    }

    /** Sparse categorical cross-entropy, averaged over the batch (Keras' default reduction). */
    static NDArray crossEntropy(NDArray logits, NDArray labels, int classes) {
        return logits.logSoftmax(1).mul(labels.oneHot(classes)).sum(new int[] {1}).neg().mean();
    }

    /** The encoder's features of every image, row-major {@code count x dim}. */
    float[] features(NDManager manager, Images images) {
        ParameterStore store = new ParameterStore(manager, false);
        float[] out = null;
        int dim = 0;
        for (int from = 0; from < images.count(); from += BATCH) {
            int[] rows = IntStream.range(from, Math.min(images.count(), from + BATCH)).toArray();
            try (NDManager step = manager.newSubManager()) {
                float[] chunk = encoder.forward(store, new NDList(images.batch(step, rows)), false).head().toFloatArray();
                if (out == null) {
                    dim = chunk.length / rows.length;
                    out = new float[images.count() * dim];
                }
                System.arraycopy(chunk, 0, out, from * dim, chunk.length);
            }
        }
        return out == null ? new float[0] : out;
    }

    /** Rows {@code rows} of a row-major feature matrix as a batch. */
    static NDArray rows(NDManager manager, float[] features, int dim, int[] rows) {
        float[] out = new float[rows.length * dim];
        for (int i = 0; i < rows.length; i++) {
            System.arraycopy(features, rows[i] * dim, out, i * dim, dim);
        }
        return manager.create(FloatBuffer.wrap(out), new Shape(rows.length, dim));
    }

    /** The classifier's mean loss over precomputed features. */
    double headLoss(NDManager manager, float[] features, int dim, int[] labels) {
        ParameterStore store = new ParameterStore(manager, false);
        double sum = 0;
        for (int from = 0; from < labels.length; from += BATCH) {
            int[] rows = IntStream.range(from, Math.min(labels.length, from + BATCH)).toArray();
            try (NDManager step = manager.newSubManager()) {
                NDArray logits = head.forward(store, new NDList(rows(step, features, dim, rows)), false).head();
                sum += crossEntropy(logits, step.create(pick(labels, rows)), classes).getFloat() * rows.length;
            }
        }
        return sum / labels.length;
    }

    /** The whole net's mean loss over images, in inference mode. */
    double loss(NDManager manager, Images images) {
        ParameterStore store = new ParameterStore(manager, false);
        double sum = 0;
        for (int from = 0; from < images.count(); from += BATCH) {
            int[] rows = IntStream.range(from, Math.min(images.count(), from + BATCH)).toArray();
            try (NDManager step = manager.newSubManager()) {
                NDArray logits = forward(store, new NDList(images.batch(step, rows)), false).head();
                sum += crossEntropy(logits, step.create(pick(images.labels(), rows)), classes).getFloat() * rows.length;
            }
        }
        return sum / images.count();
    }

    /** Top-1 accuracy of the whole net on a split, in inference mode, read a batch at a time. */
    double accuracy(NDManager manager, ImageDataset split, Augmentation transform, long seed) {
        ParameterStore store = new ParameterStore(manager, false);
        int correct = 0;
        for (int from = 0; from < split.size(); from += BATCH) {
            int[] indices = IntStream.range(from, Math.min(split.size(), from + BATCH)).toArray();
            Images images = Images.read(split, indices, transform, seed);
            try (NDManager step = manager.newSubManager()) {
                NDArray logits = forward(store, new NDList(images.batch(step,
                        IntStream.range(0, indices.length).toArray())), false).head();
                int[] predicted = logits.argMax(1).toType(DataType.INT32, false).toIntArray();
                for (int i = 0; i < predicted.length; i++) {
                    if (predicted[i] == images.labels()[i]) {
                        correct++;
                    }
                }
            }
        }
        return split.size() == 0 ? 0.0 : (double) correct / split.size();
    }

    private static int[] pick(int[] values, int[] rows) {
        int[] out = new int[rows.length];
        for (int i = 0; i < rows.length; i++) {
            out[i] = values[rows[i]];
        }
        return out;
    }
}
