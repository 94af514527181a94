package contrastlab.plugins.method.supervised;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import contrastlab.api.method.LossResult;
import contrastlab.api.method.Method;
import contrastlab.api.method.StepContext;
import contrastlab.plugins.method.common.ParallelHeads;
import java.util.List;
import java.util.Map;

/**
 * Cross-entropy through a linear classifier on the backbone's features (and, with a positive exit
 * weight, one per exit). All views of a step are encoded as one batch with their labels repeated.
 */
final class Supervised implements Method {

    private final ParallelHeads classifiers;
    private final List<Integer> inputDims;
    private final int numClasses;
    private final float exitWeight;

    /** @param classifiers one classifier per input, in the order [features, exits...] */
    Supervised(ParallelHeads classifiers, List<Integer> inputDims, int numClasses, float exitWeight) {
        this.classifiers = classifiers;
        this.inputDims = List.copyOf(inputDims);
        this.numClasses = numClasses;
        this.exitWeight = exitWeight;
    }

    @Override
    public Block block() {
        return classifiers;
    }

    @Override
    public void initialize(NDManager manager, DataType dataType) {
        classifiers.initialize(manager, dataType, inputDims.stream().map(d -> new Shape(1, d)).toArray(Shape[]::new));
    }

    @Override
    public LossResult loss(StepContext step) {
        List<NDArray> views = step.views();
        NDArray images = views.size() == 1 ? views.get(0) : NDArrays.concat(new NDList(views), 0);
        NDArray labels = step.labels().orElseThrow(() -> new IllegalStateException("supervised needs labels but the "
                + "batch has none"));
        NDArray target = labels.tile(views.size()).toType(DataType.FLOAT32, false);
        NDList encoded = step.encode(images);
        NDList logits = step.forward(classifiers, encoded.subNDList(0, classifiers.size()));
        NDArray oneHot = oneHot(step.manager(), target);
        NDArray loss = crossEntropy(logits.get(0), oneHot);
        for (int i = 1; i < logits.size(); i++) {
            loss = loss.add(crossEntropy(logits.get(i), oneHot).mul(exitWeight));
        }
        NDArray predicted = logits.get(0).stopGradient().argMax(1).toType(DataType.FLOAT32, false);
        NDArray accuracy = predicted.eq(target).toType(DataType.FLOAT32, false).mean();
        return new LossResult(loss, Map.of("train_acc", accuracy));
    }

    /** Rows of the identity for each label, built with a comparison (MXNet has no gather). */
    private NDArray oneHot(NDManager manager, NDArray target) {
        NDArray classes = manager.arange(0f, (float) numClasses, 1f).reshape(1, numClasses);
        return target.reshape(-1, 1).eq(classes).toType(DataType.FLOAT32, false);
    }

    /** Mean over the rows of -log softmax(logits)[label]. */
    static NDArray crossEntropy(NDArray logits, NDArray oneHot) {
        return logits.logSoftmax(1).mul(oneHot).sum(new int[] {1}).neg().mean();
    }
}
