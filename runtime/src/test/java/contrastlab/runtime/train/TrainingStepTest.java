package contrastlab.runtime.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyBoolean;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The multi-device path of {@link TrainingStep#encode}: the batch is cut into one shard per device,
 * each shard runs through the backbone, and the outputs are gathered in order on the first device.
 * DJL treats every CPU as the same device, so the shards all run on the CPU here; what is checked is
 * the split and the gather.
 */
class TrainingStepTest {

    @Test
    void splitsTheBatchAcrossDevicesAndGathersFeaturesInOrder() {
        try (NDManager manager = NDManager.newBaseManager(Device.cpu())) {
            Block backbone = mock(Block.class);
            // the "backbone" returns the shard's row sums (features) and the shard itself (an exit)
            when(backbone.forward(any(ParameterStore.class), any(NDList.class), anyBoolean())).thenAnswer(call -> {
                NDArray x = call.<NDList>getArgument(1).head();
                return new NDList(x.sum(new int[] {1}, true), x.mul(10));
            });
            NDArray images = manager.arange(24f).reshape(new Shape(6, 4));
            TrainingStep step = new TrainingStep(manager, List.of(images), Optional.empty(), backbone,
                    new ParameterStore(manager, false), List.of(Device.cpu(), Device.cpu(), Device.cpu()), true, 0, 0);
            NDList out = step.encode(images);
            verify(backbone, times(3)).forward(any(ParameterStore.class), any(NDList.class), anyBoolean());
            assertEquals(new Shape(6, 1), out.get(0).getShape());
            assertArrayEquals(new float[] {6, 22, 38, 54, 70, 86}, out.get(0).toFloatArray());
            assertArrayEquals(images.mul(10).toFloatArray(), out.get(1).toFloatArray());
        }
    }
}
