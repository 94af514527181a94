package contrastlab.runtime.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import contrastlab.api.augment.Augmentation;
import contrastlab.api.backbone.InputTransform;
import contrastlab.api.dataset.ImageDataset;
import contrastlab.api.dataset.ImageShape;
import contrastlab.api.evaluate.FeatureSet;
import java.io.IOException;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;

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
    private final Optional<InputTransform> inputTransform;

    FeatureExtractor(Block backbone, ParameterStore parameters, NDManager manager, Augmentation evalPipeline, long seed,
            int workers) {
        this(backbone, parameters, manager, evalPipeline, seed, workers, Optional.empty());
    }

    /** With {@code inputTransform}, the backbone's fixed first stage runs on the data workers. */
    FeatureExtractor(Block backbone, ParameterStore parameters, NDManager manager, Augmentation evalPipeline, long seed,
            int workers, Optional<InputTransform> inputTransform) {
        this.inputTransform = inputTransform;
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
        return extract(dataset, evalPipeline, seed);
    }

    /**
     * Features of {@code dataset} with {@code augmentation} applied before the evaluation transform,
     * its draws for image {@code i} from {@code Seeds.random(drawSeed, 0, i, 0)}.
     */
    FeatureSet extractAugmented(ImageDataset dataset, Augmentation augmentation, long drawSeed) throws IOException {
        return extract(dataset, augmentation.andThen(evalPipeline), drawSeed);
    }

    private FeatureSet extract(ImageDataset dataset, Augmentation pipeline, long drawSeed) throws IOException {
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
        // outputs[k]: the final features (k = 0), then each exit of a multi-exit backbone
        float[][] outputs = null;
        int[] dims = null;
        int[] labels = new int[dataset.size()];
        int offset = 0;
        try (BatchLoader loader = new BatchLoader(dataset, List.of(pipeline), List.of(), drawSeed, false, inputTransform,
                workers, workers + 1)) {
            Iterator<PreparedBatch> it = loader.iterate(0, batches);
            while (it.hasNext()) {
                PreparedBatch batch = it.next();
                ImageShape shape = batch.viewShapes().get(0);
                try (NDManager step = manager.newSubManager()) {
                    NDArray images = step.create(FloatBuffer.wrap(batch.views().get(0)),
                            new Shape(batch.size(), shape.channels(), shape.height(), shape.width()));
                    NDList result = backbone.forward(parameters, new NDList(images), false);
                    if (outputs == null) {
                        outputs = new float[result.size()][];
                        dims = new int[result.size()];
                    }
                    for (int k = 0; k < outputs.length; k++) {
                        float[] chunk = result.get(k).toFloatArray();
                        if (outputs[k] == null) {
                            dims[k] = chunk.length / batch.size();
                            outputs[k] = new float[dataset.size() * dims[k]];
                        }
                        System.arraycopy(chunk, 0, outputs[k], offset * dims[k], chunk.length);
                    }
                }
                System.arraycopy(batch.labels(), 0, labels, offset, batch.size());
                offset += batch.size();
            }
        }
        List<FeatureSet> exits = new ArrayList<>();
        for (int k = 0; k < outputs.length; k++) {
            requireInformative(outputs[k], dims[k]);
            if (k > 0) {
                exits.add(new FeatureSet(dataset.size(), dims[k], outputs[k], labels, dataset.numClasses()));
            }
        }
        return new FeatureSet(dataset.size(), dims[0], outputs[0], labels, dataset.numClasses(), exits);
    }
}
