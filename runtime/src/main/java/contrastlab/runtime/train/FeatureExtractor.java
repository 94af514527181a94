package contrastlab.runtime.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import contrastlab.api.augment.Augmentation;
import contrastlab.api.dataset.ImageDataset;
import contrastlab.api.dataset.ImageShape;
import contrastlab.api.evaluate.FeatureSet;
import java.io.IOException;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Backbone features of a whole split in evaluation mode (outside any gradient collector), with the
 * evaluation transform applied on the data workers.
 */
final class FeatureExtractor {

    private static final int BATCH = 500;

    private final Block backbone;
    private final ParameterStore parameters;
    private final NDManager manager;
    private final Augmentation evalPipeline;
    private final long seed;
    private final int workers;

    FeatureExtractor(Block backbone, ParameterStore parameters, NDManager manager, Augmentation evalPipeline, long seed,
            int workers) {
        this.backbone = backbone;
        this.parameters = parameters;
        this.manager = manager;
        this.evalPipeline = evalPipeline;
        this.seed = seed;
        this.workers = workers;
    }

    /**
     * Fails when the features cannot tell images apart: any NaN or infinity, or the same vector for
     * every image. Both happen when a BatchNorm running statistic overflows (a ReLU turns NaN into 0);
     * every evaluator would then silently report chance.
     */
    static void requireInformative(float[] values, int dim) {
        boolean varies = false;
        for (int i = 0; i < values.length; i++) {
            if (!Float.isFinite(values[i])) {
                throw new TrainingDivergedException("the backbone's evaluation features are not finite (a BatchNorm "
                        + "running statistic overflowed or became NaN); lower optimizer.lr or add weight decay");
            }
            varies |= i >= dim && values[i] != values[i % dim];
        }
        if (!varies && values.length > dim) {
            throw new TrainingDivergedException("the backbone gives the same evaluation features for every image "
                    + "(a BatchNorm running statistic overflowed or became NaN, or the representation collapsed); "
                    + "lower optimizer.lr or add weight decay");
        }
    }

    FeatureSet extract(ImageDataset dataset) throws IOException {
        if (!dataset.hasLabels()) {
            throw new IOException("evaluation needs a labelled split; this one has no labels");
        }
        List<int[]> batches = new ArrayList<>();
        for (int start = 0; start < dataset.size(); start += BATCH) {
            int[] indices = new int[Math.min(BATCH, dataset.size() - start)];
            for (int i = 0; i < indices.length; i++) {
                indices[i] = start + i;
            }
            batches.add(indices);
        }
        float[] values = null;
        int dim = 0;
        int[] labels = new int[dataset.size()];
        int offset = 0;
        try (BatchLoader loader = new BatchLoader(dataset, List.of(evalPipeline), List.of(), seed, workers, workers + 1)) {
            Iterator<PreparedBatch> it = loader.iterate(0, batches);
            while (it.hasNext()) {
                PreparedBatch batch = it.next();
                ImageShape shape = batch.viewShapes().get(0);
                try (NDManager step = manager.newSubManager()) {
                    NDArray images = step.create(FloatBuffer.wrap(batch.views().get(0)),
                            new Shape(batch.size(), shape.channels(), shape.height(), shape.width()));
                    NDArray features = backbone.forward(parameters, new NDList(images), false).get(0);
                    float[] chunk = features.toFloatArray();
                    if (values == null) {
                        dim = chunk.length / batch.size();
                        values = new float[dataset.size() * dim];
                    }
                    System.arraycopy(chunk, 0, values, offset * dim, chunk.length);
                }
                System.arraycopy(batch.labels(), 0, labels, offset, batch.size());
                offset += batch.size();
            }
        }
        requireInformative(values, dim);
        return new FeatureSet(dataset.size(), dim, values, labels, dataset.numClasses());
    }
}
