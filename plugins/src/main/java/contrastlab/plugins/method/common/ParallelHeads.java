package contrastlab.plugins.method.common;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.List;

/**
 * One head per input array: maps {@code [x0, x1, ...]} to {@code [h0(x0), h1(x1), ...]}. The heads of
 * a multi-exit method (one per exit and one for the backbone's features) as one block, so the runtime
 * initialises, checkpoints and optimises them together and a step runs them in one call.
 */
public final class ParallelHeads extends AbstractBlock {

    private static final byte VERSION = 1;

    private final List<Block> heads = new ArrayList<>();

    /** @param names the child names (stable parameter names in checkpoints), one per head */
    public ParallelHeads(List<String> names, List<Block> heads) {
        super(VERSION);
        if (names.size() != heads.size() || heads.isEmpty()) {
            throw new IllegalArgumentException("need one name per head and at least one head, got " + names.size()
                    + " names for " + heads.size() + " heads");
        }
        for (int i = 0; i < heads.size(); i++) {
            this.heads.add(addChildBlock(names.get(i), heads.get(i)));
        }
    }

    /** Number of heads, which is the number of inputs the block takes. */
    public int size() {
        return heads.size();
    }

    @Override
    protected NDList forwardInternal(ParameterStore parameterStore, NDList inputs, boolean training,
            PairList<String, Object> params) {
        checkArity(inputs.size());
        NDList out = new NDList(heads.size());
        for (int i = 0; i < heads.size(); i++) {
            out.add(heads.get(i).forward(parameterStore, new NDList(inputs.get(i)), training, params).head());
        }
        return out;
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        checkArity(inputShapes.length);
        Shape[] out = new Shape[heads.size()];
        for (int i = 0; i < heads.size(); i++) {
            out[i] = heads.get(i).getOutputShapes(new Shape[] {inputShapes[i]})[0];
        }
        return out;
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        checkArity(inputShapes.length);
        for (int i = 0; i < heads.size(); i++) {
            heads.get(i).initialize(manager, dataType, inputShapes[i]);
        }
    }

    private void checkArity(int inputs) {
        if (inputs != heads.size()) {
            throw new IllegalArgumentException(heads.size() + " heads need as many inputs, got " + inputs);
        }
    }
}
