package contrastlab.runtime.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import ai.djl.util.PairList;
import contrastlab.api.augment.Augmentation;
import contrastlab.api.backbone.Backbone;
import contrastlab.api.dataset.ImageDataset;
import contrastlab.api.dataset.ImageShape;
import contrastlab.api.evaluate.EvaluationContext;
import contrastlab.api.evaluate.FeatureSet;
import contrastlab.api.util.Seeds;
import contrastlab.runtime.wiring.Datasets;
import java.io.IOException;
import java.nio.FloatBuffer;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * What the evaluators of one round (after an epoch) see: the backbone's features per split (computed
 * once and shared), the method's feature taps on top of them, re-encodings through an augmentation,
 * and for fine-tuning protocols a copy of the backbone, the images and the evaluation transform.
 */
final class EvaluationRound implements EvaluationContext {

    /** Seed coordinate of the evaluators' augmented re-encodings, apart from the training draws. */
    private static final long AUGMENTED_EVAL_STREAM = 0xE7A1;
    private static final int TAP_BATCH = 500;

    private final NDManager manager;
    private final FeatureExtractor extractor;
    private final Datasets datasets;
    private final Augmentation evalPipeline;
    private final Backbone backbone;
    private final Supplier<Backbone> freshBackbone;
    private final ImageShape input;
    private final Map<String, Block> taps;
    private final ParameterStore parameterStore;
    private final long seed;
    private final int epoch;
    private final Map<String, FeatureSet> cache = new HashMap<>();

    EvaluationRound(NDManager manager, FeatureExtractor extractor, Datasets datasets, Augmentation evalPipeline,
            Backbone backbone, Supplier<Backbone> freshBackbone, ImageShape input, Map<String, Block> taps,
            ParameterStore parameterStore, long seed, int epoch) {
        this.manager = manager;
        this.extractor = extractor;
        this.datasets = datasets;
        this.evalPipeline = evalPipeline;
        this.backbone = backbone;
        this.freshBackbone = freshBackbone;
        this.input = input;
        this.taps = taps;
        this.parameterStore = parameterStore;
        this.seed = seed;
        this.epoch = epoch;
    }

    @Override
    public NDManager manager() {
        return manager;
    }

    @Override
    public FeatureSet features(String split) throws IOException {
        FeatureSet cached = cache.get(split);
        if (cached == null) {
            cached = extractor.extract(datasets.split(split));
            cache.put(split, cached);
        }
        return cached;
    }

    @Override
    public FeatureSet features(String split, String tap) throws IOException {
        if (BACKBONE.equals(tap)) {
            return features(split);
        }
        Block block = taps.get(tap);
        if (block == null) {
            TreeSet<String> known = new TreeSet<>(taps.keySet());
            known.add(BACKBONE);
            throw new IllegalArgumentException("features '" + tap + "' is not a tap of this run's method; available: "
                    + String.join(", ", known));
        }
        String key = split + "\u0000" + tap;
        FeatureSet cached = cache.get(key);
        if (cached == null) {
            cached = applyTap(block, features(split));
            cache.put(key, cached);
        }
        return cached;
    }

    /** The tap over the backbone's features, in inference mode, a batch at a time. */
    private FeatureSet applyTap(Block tap, FeatureSet base) {
        float[] out = null;
        int dim = 0;
        for (int start = 0; start < base.count(); start += TAP_BATCH) {
            int rows = Math.min(TAP_BATCH, base.count() - start);
            try (NDManager step = manager.newSubManager()) {
                NDArray x = step.create(FloatBuffer.wrap(base.values(), start * base.dim(), rows * base.dim()),
                        new Shape(rows, base.dim()));
                float[] chunk = tap.forward(parameterStore, new NDList(x), false).head().toFloatArray();
                if (out == null) {
                    dim = chunk.length / rows;
                    out = new float[base.count() * dim];
                }
                System.arraycopy(chunk, 0, out, start * dim, chunk.length);
            }
        }
        FeatureExtractor.requireInformative(out, dim);
        return new FeatureSet(base.count(), dim, out, base.labels(), base.numClasses());
    }

    @Override
    public FeatureSet augmentedFeatures(String split, Augmentation augmentation, int draw) throws IOException {
        long drawSeed = Seeds.derive(seed, AUGMENTED_EVAL_STREAM, epoch, draw);
        return extractor.extractAugmented(datasets.split(split), augmentation, drawSeed);
    }

    /** A fresh backbone of the recipe, initialised on {@code target}, with every parameter (BN statistics too) copied. */
    @Override
    public Backbone backboneCopy(NDManager target) {
        Backbone copy = freshBackbone.get();
        copy.block().initialize(target, DataType.FLOAT32,
                new Shape(1, input.channels(), input.height(), input.width()));
        PairList<String, Parameter> from = backbone.block().getParameters();
        PairList<String, Parameter> to = copy.block().getParameters();
        if (from.size() != to.size()) {
            throw new IllegalStateException("the backbone copy has " + to.size() + " parameters, the run's " + from.size());
        }
        for (int i = 0; i < from.size(); i++) {
            Pair<String, Parameter> source = from.get(i);
            Pair<String, Parameter> destination = to.get(i);
            NDArray value = source.getValue().getArray();
            if (!source.getKey().equals(destination.getKey())
                    || !value.getShape().equals(destination.getValue().getArray().getShape())) {
                throw new IllegalStateException("the backbone copy's parameter " + destination.getKey()
                        + " does not match the run's " + source.getKey());
            }
            destination.getValue().getArray().set(value.toByteBuffer());
        }
        return copy;
    }

    @Override
    public ImageDataset dataset(String split) throws IOException {
        return datasets.split(split);
    }

    @Override
    public Augmentation evalTransform() {
        return evalPipeline;
    }

    @Override
    public GradientCollector newInferenceModeCollector() {
        return new InferenceModeCollector();
    }

    @Override
    public long seed() {
        return seed;
    }

    @Override
    public int epoch() {
        return epoch;
    }
}
