package contrastlab.runtime.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import contrastlab.api.dataset.ImageShape;
import contrastlab.api.nd.AbstractBatchNorm;
import contrastlab.api.nd.FreezableBatchNorm;
import contrastlab.plugins.backbone.gsimclr.GsimclrResNetParameters;
import contrastlab.plugins.backbone.gsimclr.GsimclrResNetPlugin;

/**
 * Not a test: times forward + backward of the Fashion-MNIST G-SimCLR net (one block per group, width
 * 16) at batch 64 with the ordinary collector (training mode) and with {@link InferenceModeCollector}
 * (BatchNorm frozen through inference mode) and with the ordinary collector and every
 * {@link FreezableBatchNorm} frozen (the finetune evaluator's whole-net phase). Run with the test classpath:
 * {@code java -cp <runtime test classpath> contrastlab.runtime.train.FinetuneBackwardTiming [steps]}.
 */
public final class FinetuneBackwardTiming {

    private FinetuneBackwardTiming() {}

    public static void main(String[] args) {
        int steps = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        Block block = new GsimclrResNetPlugin().create(new GsimclrResNetParameters(1, 16), new ImageShape(1, 28, 28)).block();
        try (NDManager manager = NDManager.newBaseManager()) {
            block.initialize(manager, DataType.FLOAT32, new Shape(64, 1, 28, 28));
            ParameterStore store = new ParameterStore(manager, false);
            for (String mode : new String[] {"training", "inference", "frozen", "training", "inference", "frozen"}) {
                boolean inference = mode.equals("inference");
                AbstractBatchNorm.freezeAll(block, mode.equals("frozen"));
                long start = System.nanoTime();
                for (int i = 0; i < steps; i++) {
                    try (NDManager step = manager.newSubManager()) {
                        NDArray x = step.randomUniform(0, 1, new Shape(64, 1, 28, 28));
                        try (GradientCollector collector = inference ? new InferenceModeCollector()
                                : Engine.getInstance().newGradientCollector()) {
                            NDArray y = block.forward(store, new NDList(x), !inference).head();
                            collector.backward(y.square().mean());
                        }
                    }
                }
                System.out.printf("%s: %.1f ms per forward + backward (batch 64)%n", switch (mode) {
                            case "inference" -> "inference-mode collector";
                            case "frozen" -> "training collector, FreezableBatchNorm frozen";
                            default -> "training collector";
                        },
                        (System.nanoTime() - start) / 1e6 / steps);
            }
        }
    }
}
