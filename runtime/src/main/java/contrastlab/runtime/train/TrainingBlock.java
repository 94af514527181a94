package contrastlab.runtime.train;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.List;

/**
 * Everything that is trained or checkpointed in a run, as one block: the backbone, the method's
 * blocks and each pretext head. Its own forward is the backbone's (features for inference); the
 * training loop calls the children directly.
 */
final class TrainingBlock extends AbstractBlock {

    private final Block backbone;

    TrainingBlock(Block backbone, Block method, List<Block> pretextHeads) {
        this.backbone = addChildBlock("backbone", backbone);
        addChildBlock("method", method);
        for (int i = 0; i < pretextHeads.size(); i++) {
            addChildBlock("pretext" + i, pretextHeads.get(i));
        }
    }

    @Override
    protected NDList forwardInternal(ParameterStore parameterStore, NDList inputs, boolean training,
            PairList<String, Object> params) {
        return backbone.forward(parameterStore, inputs, training, params);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return backbone.getOutputShapes(inputShapes);
    }

    @Override
    protected void initializeChildBlocks(ai.djl.ndarray.NDManager manager, DataType dataType, Shape... inputShapes) {
        // children are initialised one by one: only the method knows what its blocks are fed
    }
}
