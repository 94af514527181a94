package contrastlab.plugins.pretext.jigsaw;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.LambdaBlock;
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
 * ScatSimCLR's jigsaw task: the un-augmented image cut into a 3x3 grid, each tile resized to the input
 * size (no normalisation), shuffled by one of 35 fixed permutations drawn uniformly; the head sees each
 * tile's features through a shared stage, concatenates the 9 in order and predicts the permutation.
 */
final class JigsawTask implements PretextTask {

    static final int TILES = 9;

    private final SequentialBlock head;
    private final int featureDim;

    JigsawTask(JigsawParameters parameters, int featureDim) {
        this.featureDim = featureDim;
        int concatenated = TILES * parameters.tileDim();
        head = new SequentialBlock();
        PretextHeads.addStage(head, featureDim, parameters.tileDim(), parameters.dropout());
        // (N * 9, tileDim) -> (N, 9 * tileDim): each image's tiles are consecutive rows
        head.add(new LambdaBlock(x -> new NDList(x.singletonOrThrow().reshape(-1, concatenated)), "tiles"));
        PretextHeads.addStage(head, concatenated, parameters.hidden(), parameters.dropout());
        head.add(MlpHead.linear(parameters.hidden(), JigsawPermutations.COUNT, true));
    }

    @Override
    public PretextSample prepare(Image original, Augmentation viewPipeline, RandomGenerator random) {
        Image[] tiles = new Image[TILES];
        for (int n = 0; n < TILES; n++) {
            tiles[n] = JigsawTiles.tile(original, n);
        }
        int order = random.nextInt(JigsawPermutations.COUNT);
        int[] permutation = JigsawPermutations.get(order);
        List<Image> inputs = new ArrayList<>(TILES);
        for (int t = 0; t < TILES; t++) {
            inputs.add(tiles[permutation[t]]);
        }
        return new PretextSample(inputs, new int[] {order});
    }

    @Override
    public Block block() {
        return head;
    }

    @Override
    public void initialize(NDManager manager, DataType dataType) {
        head.initialize(manager, dataType, new Shape(TILES, featureDim));
    }

    @Override
    public NDArray loss(StepContext step, NDArray inputs, NDArray labels) {
        NDArray features = step.encode(inputs).get(0);
        NDArray logits = step.forward(head, new NDList(features)).get(0);
        return PretextHeads.crossEntropy(step.manager(), logits, labels);
    }
}
