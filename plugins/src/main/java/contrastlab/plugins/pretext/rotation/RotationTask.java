package contrastlab.plugins.pretext.rotation;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import contrastlab.api.augment.Augmentation;
import contrastlab.api.augment.Image;
import contrastlab.api.method.StepContext;
import contrastlab.api.pretext.PretextSample;
import contrastlab.api.pretext.PretextTask;
import contrastlab.plugins.method.common.MlpHead;
import contrastlab.plugins.pretext.common.PretextHeads;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * ScatSimCLR's rotation task: every image yields its four rotations, each through the first view's
 * augmentation pipeline, and a head on the backbone features h predicts which rotation it sees.
 */
final class RotationTask implements PretextTask {

    private static final int[] LABELS = {0, 1, 2, 3};

    private final SequentialBlock head;
    private final int featureDim;

    RotationTask(RotationParameters parameters, int featureDim) {
        this.featureDim = featureDim;
        head = new SequentialBlock();
        int in = featureDim;
        for (int hidden : parameters.hidden()) {
            PretextHeads.addStage(head, in, hidden, parameters.dropout());
            in = hidden;
        }
        head.add(MlpHead.linear(in, Rotations.COUNT, true));
    }

    @Override
    public PretextSample prepare(Image original, Augmentation viewPipeline, RandomGenerator random) {
        List<Image> inputs = new ArrayList<>(Rotations.COUNT);
        for (int label : LABELS) {
            inputs.add(viewPipeline.apply(Rotations.rotate(original, label), random));
        }
        return new PretextSample(inputs, LABELS);
    }

    @Override
    public Block block() {
        return head;
    }

    @Override
    public void initialize(NDManager manager, DataType dataType) {
        head.initialize(manager, dataType, new Shape(1, featureDim));
    }

    @Override
    public NDArray loss(StepContext step, NDArray inputs, NDArray labels) {
        NDArray features = step.encode(inputs).get(0);
        NDArray logits = step.forward(head, new NDList(features)).get(0);
        return PretextHeads.crossEntropy(step.manager(), logits, labels);
    }
}
