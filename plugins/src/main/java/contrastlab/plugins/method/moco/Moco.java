package contrastlab.plugins.method.moco;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.util.Pair;
import contrastlab.api.backbone.Backbone;
import contrastlab.api.dataset.ImageShape;
import contrastlab.api.method.LossResult;
import contrastlab.api.method.Method;
import contrastlab.api.method.MethodContext;
import contrastlab.api.method.StepContext;
import contrastlab.api.nd.Ops;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * MoCo v2 as lightly 1.0.8 / contrastive2021 run it.
 *
 * <p>Queries: the run's backbone and the projector, L2-normalised. Keys: a key encoder (a second
 * backbone and projector, frozen, started as a copy of the query side and moved towards it by an
 * exponential moving average after every step), fed a shuffled batch, L2-normalised, no gradient.
 * Each direction's loss is InfoNCE over {@code [q·k+, q·queue] / tau} with the positive at index 0;
 * the queue starts as random unit vectors and is a FIFO of past keys, written with lightly's rule (a
 * batch that reaches the end fills the tail, drops its rest and restarts at row 0).
 *
 * <p>The key encoder's BatchNorm running statistics are copied from the query once and never
 * updated: the key encoder only runs in training mode (batch statistics), so they are never read —
 * as in the original, whose momentum update covers the parameters and not the BatchNorm buffers.
 * The queue and its cursor are {@link #state()}, so a resumed run continues with the same negatives.
 */
final class Moco implements Method {

    private static final int[] ROWS = {1};

    private final SequentialBlock owned = new SequentialBlock();
    private final Block projector;
    private final Block keyProjector;
    private final Backbone keyBackbone;
    private final int featureDim;
    private final ImageShape input;
    private final int embeddingDim;
    private final float temperature;
    private final int queueSize;
    private final boolean shuffleKeys;
    private final boolean enqueueEachDirection;
    private final boolean symmetric;
    /** The weight of the query in one post-step update, {@code 1 - m^u}. */
    private final float followRate;

    private final Backbone queryBackbone;
    private List<Pair<NDArray, NDArray>> followed;
    private NDArray queue;
    private NDArray cursor;
    private List<NDArray> pendingKeys = List.of();

    Moco(MocoParameters parameters, Block projector, Block keyProjector, Backbone keyBackbone, MethodContext context) {
        this.projector = projector;
        this.keyProjector = keyProjector;
        this.keyBackbone = keyBackbone;
        this.queryBackbone = context.backbone();
        this.featureDim = context.featureDim();
        this.input = context.input();
        this.embeddingDim = parameters.projector().get(parameters.projector().size() - 1);
        this.temperature = (float) parameters.temperature();
        this.queueSize = parameters.queueSize();
        this.shuffleKeys = parameters.shuffleKeys();
        this.enqueueEachDirection = parameters.enqueueEachDirection();
        this.symmetric = parameters.symmetric();
        this.followRate = (float) (1 - Math.pow(parameters.momentum(), parameters.momentumUpdates()));
        // everything the method owns, so the runtime initialises and checkpoints it with the backbone
        owned.add(projector).add(keyBackbone.block()).add(keyProjector);
    }

    @Override
    public Block block() {
        return owned;
    }

    @Override
    public void initialize(NDManager manager, DataType dataType) {
        projector.initialize(manager, dataType, new Shape(1, featureDim));
        keyProjector.initialize(manager, dataType, new Shape(1, featureDim));
        keyBackbone.block().initialize(manager, dataType, new Shape(1, input.channels(), input.height(), input.width()));
        List<Pair<NDArray, NDArray>> backbonePairs = pairs(queryBackbone.block(), keyBackbone.block());
        List<Pair<NDArray, NDArray>> projectorPairs = pairs(projector, keyProjector);
        followed = new ArrayList<>();
        for (List<Pair<NDArray, NDArray>> group : List.of(backbonePairs, projectorPairs)) {
            for (Pair<NDArray, NDArray> pair : group) {
                pair.getKey().copyTo(pair.getValue());
            }
        }
        collectFollowed(queryBackbone.block(), keyBackbone.block());
        collectFollowed(projector, keyProjector);
        keyBackbone.block().freezeParameters(true);
        keyProjector.freezeParameters(true);
        try (NDManager scratch = manager.newSubManager()) {
            NDArray unit = Ops.l2Normalize(scratch.randomNormal(new Shape(queueSize, embeddingDim), dataType));
            unit.attach(manager);
            queue = unit;
        }
        cursor = manager.zeros(new Shape(2), DataType.INT32);
    }

    /** Query/key array pairs of two blocks of one architecture, checked name by name. */
    private static List<Pair<NDArray, NDArray>> pairs(Block query, Block key) {
        var q = query.getParameters();
        var k = key.getParameters();
        if (q.size() != k.size()) {
            throw new IllegalStateException("moco key encoder has " + k.size() + " parameters, the query " + q.size());
        }
        List<Pair<NDArray, NDArray>> pairs = new ArrayList<>();
        for (int i = 0; i < q.size(); i++) {
            Parameter qp = q.get(i).getValue();
            Parameter kp = k.get(i).getValue();
            if (!q.get(i).getKey().equals(k.get(i).getKey()) || !qp.getShape().equals(kp.getShape())) {
                throw new IllegalStateException("moco key encoder parameter " + k.get(i).getKey() + " " + kp.getShape()
                        + " does not match the query's " + q.get(i).getKey() + " " + qp.getShape());
            }
            pairs.add(new Pair<>(qp.getArray(), kp.getArray()));
        }
        return pairs;
    }

    /** The pairs the moving average follows: PyTorch's parameters(), i.e. not the BatchNorm running statistics. */
    private void collectFollowed(Block query, Block key) {
        var q = query.getParameters();
        var k = key.getParameters();
        for (int i = 0; i < q.size(); i++) {
            Parameter.Type type = q.get(i).getValue().getType();
            if (type != Parameter.Type.RUNNING_MEAN && type != Parameter.Type.RUNNING_VAR) {
                followed.add(new Pair<>(q.get(i).getValue().getArray(), k.get(i).getValue().getArray()));
            }
        }
    }

    @Override
    public LossResult loss(StepContext step) {
        NDManager manager = step.manager();
        List<NDArray> views = step.views();
        int[] position = cursor.toIntArray();
        // a step-local copy: ops on it attach to the step's manager, not the queue's
        NDArray bank = queue.duplicate();
        bank.attach(manager);

        NDArray q0 = query(step, views.get(0));
        NDArray k1 = key(step, views.get(1));
        Direction first = infoNce(q0, k1, bank, temperature);
        NDArray loss = first.loss();
        NDArray pos = first.positive();
        NDArray neg = first.negative();
        List<NDArray> keys = new ArrayList<>(List.of(k1));
        if (symmetric) {
            NDArray negatives = enqueueEachDirection ? enqueued(bank, position[0], k1) : bank;
            NDArray q1 = query(step, views.get(1));
            NDArray k0 = key(step, views.get(0));
            Direction second = infoNce(q1, k0, negatives, temperature);
            loss = loss.add(second.loss()).div(2f);
            pos = pos.add(second.positive()).div(2f);
            neg = neg.add(second.negative()).div(2f);
            keys.add(k0);
        }
        pendingKeys = List.copyOf(keys);
        NDArray fill = manager.create((float) Math.min(position[1], queueSize) / queueSize);
        return new LossResult(loss, Map.of("queue_fill", fill, "pos_sim", pos, "neg_sim", neg));
    }

    private NDArray query(StepContext step, NDArray images) {
        NDArray features = step.encode(images).head();
        return Ops.l2Normalize(step.forward(projector, new NDList(features)).head());
    }

    /** Keys of a batch: shuffled through the key encoder, restored to the batch order, normalised, detached. */
    private NDArray key(StepContext step, NDArray images) {
        NDManager manager = step.manager();
        NDArray batch = images;
        long[] inverse = null;
        if (shuffleKeys) {
            long n = images.getShape().get(0);
            long[] permutation = manager.randomPermutation(n).toType(DataType.INT64, false).toLongArray();
            inverse = new long[permutation.length];
            for (int i = 0; i < permutation.length; i++) {
                inverse[(int) permutation[i]] = i;
            }
            batch = images.get(manager.create(permutation));
        }
        NDArray features = step.forward(keyBackbone.block(), new NDList(batch)).head();
        NDArray z = step.forward(keyProjector, new NDList(features)).head();
        if (inverse != null) {
            z = z.get(manager.create(inverse));
        }
        return Ops.l2Normalize(z).stopGradient();
    }

    /**
     * One direction's InfoNCE.
     *
     * @param loss {@code -mean_n log softmax([q_n·k_n, q_n·negatives] / tau)_0}
     * @param positive mean {@code q·k+} (no gradient)
     * @param negative mean {@code q·negative} (no gradient)
     */
    record Direction(NDArray loss, NDArray positive, NDArray negative) {}

    /** InfoNCE of unit queries {@code (N, d)} against their unit keys and the unit negatives {@code (K, d)}. */
    static Direction infoNce(NDArray queries, NDArray keys, NDArray negatives, float temperature) {
        NDArray positive = queries.mul(keys).sum(ROWS, true);
        NDArray negative = queries.matMul(negatives.transpose());
        NDArray logits = positive.concat(negative, 1).div(temperature);
        NDArray loss = logits.logSoftmax(1).get(":, 0").neg().mean();
        return new Direction(loss, positive.stopGradient().mean(), negative.stopGradient().mean());
    }

    /**
     * The queue after writing {@code keys} at {@code pointer} (lightly's rule): rows
     * {@code [pointer, pointer + n)} take the keys; a batch that reaches the end fills rows up to it
     * and its remaining keys are dropped.
     */
    static NDArray enqueued(NDArray queue, int pointer, NDArray keys) {
        long size = queue.getShape().get(0);
        long n = keys.getShape().get(0);
        NDList parts = new NDList();
        if (pointer > 0) {
            parts.add(queue.get(new NDIndex("0:{}", pointer)));
        }
        if (pointer + n >= size) {
            parts.add(keys.get(new NDIndex("0:{}", size - pointer)));
        } else {
            parts.add(keys);
            parts.add(queue.get(new NDIndex("{}:", pointer + n)));
        }
        return NDArrays.concat(parts, 0);
    }

    /** Where the next batch of {@code n} keys goes after one written at {@code pointer}. */
    static int advanced(int pointer, long n, int size) {
        return pointer + n >= size ? 0 : (int) (pointer + n);
    }

    @Override
    public void afterStep(StepContext step) {
        if (pendingKeys.isEmpty()) {
            return;
        }
        int[] position = cursor.toIntArray();
        int pointer = position[0];
        int filled = position[1];
        NDArray bank = queue.duplicate();
        bank.attach(step.manager());
        for (NDArray keys : pendingKeys) {
            long n = keys.getShape().get(0);
            bank = enqueued(bank, pointer, keys);
            filled = (int) Math.min(queueSize, filled + Math.min(n, queueSize - pointer));
            pointer = advanced(pointer, n, queueSize);
        }
        bank.copyTo(queue);
        cursor.set(new int[] {pointer, filled});
        pendingKeys = List.of();
        followQuery();
    }

    /** {@code key <- key + (1 - m^u)(query - key)} in place, for every followed pair. */
    private void followQuery() {
        for (Pair<NDArray, NDArray> pair : followed) {
            NDArray key = pair.getValue();
            // the difference attaches to the long-lived query's manager: close it here
            try (NDArray delta = pair.getKey().sub(key)) {
                delta.muli(followRate);
                key.addi(delta);
            }
        }
    }

    @Override
    public Map<String, NDArray> state() {
        return Map.of("queue", queue, "queueCursor", cursor);
    }
}
