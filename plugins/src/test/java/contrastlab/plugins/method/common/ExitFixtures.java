package contrastlab.plugins.method.common;

import ai.djl.ndarray.NDList;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.ParallelBlock;
import ai.djl.nn.SequentialBlock;
import contrastlab.api.backbone.Backbone;
import contrastlab.api.method.MethodContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** A fast multi-exit stand-in backbone and labelled synthetic batches for the multi-exit method tests. */
public final class ExitFixtures {

    private ExitFixtures() {}

    /**
     * Features: flatten, Linear(192, 32), BatchNorm, ReLU; exit i: flatten, Linear(192, exitDims[i]).
     * Outputs [features, exit 1, ...] like a multi-exit ResNet.
     */
    public static Backbone exitBackbone(Integer... exitDims) {
        List<Block> branches = new ArrayList<>();
        branches.add(MethodFixtures.mlpBackbone().block());
        for (int d : exitDims) {
            SequentialBlock exit = new SequentialBlock();
            exit.add(Blocks.batchFlattenBlock());
            exit.add(MlpHead.build(MethodFixtures.IMAGE.size(), List.of(d), false, false));
            exit.add(Activation.reluBlock());
            branches.add(exit);
        }
        ParallelBlock block = new ParallelBlock(outs -> {
            NDList all = new NDList();
            outs.forEach(o -> all.add(o.head()));
            return all;
        }, branches);
        return new Backbone(block, 32, List.of(exitDims));
    }

    public static MethodContext context(Backbone backbone, int views, int batchSize, int numClasses) {
        return new MethodContext(backbone, views, batchSize, numClasses, MethodFixtures.IMAGE, () -> {
            throw new AssertionError("no second backbone");
        });
    }

    /** n images: a pattern per class (label i % classes) plus an image-specific pattern. */
    public static float[] images(Random random, int n, int classes) {
        int size = MethodFixtures.IMAGE.size();
        float[][] prototypes = new float[classes][];
        for (int c = 0; c < classes; c++) {
            prototypes[c] = MethodFixtures.gaussian(random, size, 1f);
        }
        float[] x = new float[n * size];
        for (int i = 0; i < n; i++) {
            float[] own = MethodFixtures.gaussian(random, size, 0.5f);
            for (int j = 0; j < size; j++) {
                x[i * size + j] = prototypes[i % classes][j] + own[j];
            }
        }
        return x;
    }

    public static int[] labels(int n, int classes) {
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = i % classes;
        }
        return y;
    }

}
