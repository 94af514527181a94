package contrastlab.plugins.method.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.LambdaBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class MlpHeadTest {

    @Test
    void layersWithoutBatchNormAreLinearReluLinear() {
        SequentialBlock head = MlpHead.build(8, List.of(16, 4), false, false);
        assertEquals(List.of(Linear.class, LambdaBlock.class, Linear.class), types(head));
        try (NDManager m = NDManager.newBaseManager()) {
            head.initialize(m, DataType.FLOAT32, new Shape(3, 8));
            assertEquals(List.of("16x8", "16", "4x16", "4"), shapes(head));
            NDArray out = head.forward(new ParameterStore(m, false), new NDList(m.ones(new Shape(3, 8))), false).head();
            assertEquals(new Shape(3, 4), out.getShape());
        }
    }

    /** G-SimCLR's head 256-128-50 at small scale: P2 = projector-1 (first ReLU), P1 = projector-2 (second). */
    @Test
    void tapsAreTheOutputsAfterEachHiddenReluAndShareTheHeadsParameters() {
        SequentialBlock head = MlpHead.build(6, List.of(16, 8, 5), false, false);
        java.util.Map<String, Block> taps = MlpHead.taps("projector", head);
        assertEquals(List.of("projector-1", "projector-2"), List.copyOf(taps.keySet()));
        try (NDManager m = NDManager.newBaseManager()) {
            head.initialize(m, DataType.FLOAT32, new Shape(4, 6));
            ParameterStore store = new ParameterStore(m, false);
            NDArray x = m.randomNormal(new Shape(4, 6));
            NDArray p2 = taps.get("projector-1").forward(store, new NDList(x), false).head();
            NDArray p1 = taps.get("projector-2").forward(store, new NDList(x), false).head();
            assertEquals(new Shape(4, 16), p2.getShape());
            assertEquals(new Shape(4, 8), p1.getShape());
            // by hand from the head's own weights
            List<Block> layers = head.getChildren().values();
            NDArray first = layers.get(0).forward(store, new NDList(x), false).head().maximum(0f);
            NDArray second = layers.get(2).forward(store, new NDList(first), false).head().maximum(0f);
            assertTrue(first.sub(p2).abs().max().getFloat() < 1e-6f);
            assertTrue(second.sub(p1).abs().max().getFloat() < 1e-6f);
            assertTrue(p1.min().getFloat() >= 0, "after the ReLU");
            // a change of the head's weights shows in the tap: the parameters are shared, not copied
            layers.get(0).getParameters().get("weight").getArray().muli(0f);
            NDArray zeroed = taps.get("projector-1").forward(store, new NDList(x), false).head();
            assertTrue(zeroed.sub(layers.get(0).getParameters().get("bias").getArray().maximum(0f)).abs().max()
                    .getFloat() < 1e-6f);
        }
        SequentialBlock withNorm = MlpHead.build(6, List.of(16, 8, 5), true, false);
        assertEquals(2, MlpHead.taps("projector", withNorm).size());
        assertEquals(0, MlpHead.taps("projector", MlpHead.build(6, List.of(5), false, false)).size());
    }

    @Test
    void batchNormLayersDropTheLinearBias() {
        SequentialBlock head = MlpHead.build(8, List.of(16, 16, 4), true, true);
        assertEquals(List.of(Linear.class, BatchNorm.class, LambdaBlock.class, Linear.class, BatchNorm.class,
                LambdaBlock.class, Linear.class, BatchNorm.class), types(head));
        try (NDManager m = NDManager.newBaseManager()) {
            head.initialize(m, DataType.FLOAT32, new Shape(3, 8));
            long biases = head.getParameters().values().stream().filter(p -> p.getType() == Parameter.Type.BIAS).count();
            assertEquals(0, biases);
        }
        SequentialBlock hiddenOnly = MlpHead.build(8, List.of(16, 4), true, false);
        assertEquals(List.of(Linear.class, BatchNorm.class, LambdaBlock.class, Linear.class), types(hiddenOnly));
    }

    @Test
    void linearLayersAreInitialisedLikePyTorch() {
        SequentialBlock head = MlpHead.build(400, List.of(300), false, false);
        try (NDManager m = NDManager.newBaseManager()) {
            head.initialize(m, DataType.FLOAT32, new Shape(1, 400));
            double bound = 1 / Math.sqrt(400);
            for (Pair<String, Parameter> p : head.getParameters()) {
                float[] values = p.getValue().getArray().toFloatArray();
                double max = 0;
                for (float v : values) {
                    max = Math.max(max, Math.abs(v));
                }
                assertTrue(max <= bound && max > 0.9 * bound, p.getKey() + " max |w| " + max + " vs bound " + bound);
            }
        }
    }

    @Test
    void invalidSizesAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> MlpHead.build(8, List.of(), false, false));
        assertThrows(IllegalArgumentException.class, () -> MlpHead.build(8, List.of(16, 0), false, false));
        assertThrows(IllegalArgumentException.class, () -> MlpHead.build(8, Arrays.asList(16, null), false, false));
    }

    private static List<Class<?>> types(SequentialBlock block) {
        List<Class<?>> types = new ArrayList<>();
        for (Block child : block.getChildren().values()) {
            types.add(child.getClass());
        }
        return types;
    }

    private static List<String> shapes(Block block) {
        List<String> shapes = new ArrayList<>();
        for (Pair<String, Parameter> p : block.getParameters()) {
            Shape s = p.getValue().getArray().getShape();
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < s.dimension(); i++) {
                sb.append(i == 0 ? "" : "x").append(s.get(i));
            }
            shapes.add(sb.toString());
        }
        return shapes;
    }
}
