package contrastlab.runtime.train;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import contrastlab.api.method.StepContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A step as methods see it. With several devices the backbone runs on a slice of the batch per
 * device and the features are gathered on the first device, so the loss still sees the whole batch
 * (all negatives), as SimCLR's gathered loss does.
 */
final class TrainingStep implements StepContext {

    private final NDManager manager;
    private final List<NDArray> views;
    private final Optional<NDArray> labels;
    private final Block backbone;
    private final ParameterStore parameters;
    private final List<Device> devices;
    private final boolean training;
    private final int epoch;
    private final long globalStep;

    TrainingStep(NDManager manager, List<NDArray> views, Optional<NDArray> labels, Block backbone,
            ParameterStore parameters, List<Device> devices, boolean training, int epoch, long globalStep) {
        this.manager = manager;
        this.views = List.copyOf(views);
        this.labels = labels;
        this.backbone = backbone;
        this.parameters = parameters;
        this.devices = devices;
        this.training = training;
        this.epoch = epoch;
        this.globalStep = globalStep;
    }

    @Override
    public NDManager manager() {
        return manager;
    }

    @Override
    public List<NDArray> views() {
        return views;
    }

    @Override
    public Optional<NDArray> labels() {
        return labels;
    }

    @Override
    public NDList encode(NDArray images) {
        if (devices.size() == 1) {
            return backbone.forward(parameters, new NDList(images), training);
        }
        Device main = devices.get(0);
        NDList shards = images.split(devices.size());
        List<NDList> outputs = new ArrayList<>();
        for (int i = 0; i < devices.size(); i++) {
            NDArray shard = shards.get(i).toDevice(devices.get(i), false);
            outputs.add(backbone.forward(parameters, new NDList(shard), training));
        }
        NDList gathered = new NDList();
        for (int j = 0; j < outputs.get(0).size(); j++) {
            NDList parts = new NDList();
            for (NDList out : outputs) {
                parts.add(out.get(j).toDevice(main, false));
            }
            gathered.add(NDArrays.concat(parts, 0));
        }
        return gathered;
    }

    @Override
    public NDList forward(Block block, NDList input) {
        return block.forward(parameters, input, training);
    }

    @Override
    public boolean training() {
        return training;
    }

    @Override
    public int epoch() {
        return epoch;
    }

    @Override
    public long globalStep() {
        return globalStep;
    }

    /** The same step seen after the optimizer update, outside the gradient collector. */
    TrainingStep afterUpdate() {
        return new TrainingStep(manager, views, labels, backbone, parameters, devices, false, epoch, globalStep + 1);
    }
}
