package contrastlab.runtime.train;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.training.optimizer.Optimizer;
import contrastlab.runtime.recipe.OptimizerSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.DoubleSupplier;

/**
 * The optimizers of the recipes (SGD, Adam, LARS) with PyTorch's update rules, written on DJL's
 * engine-neutral arrays. Unlike DJL's own optimizers their state (momentum buffers, Adam moments,
 * step counts) can be saved and restored, so a resumed run continues exactly.
 */
public abstract class StatefulOptimizer extends Optimizer {

    private final DoubleSupplier learningRate;
    protected final OptimizerSettings settings;
    /** parameter id -> device -> state slots. */
    private final Map<String, Map<Device, NDArray[]>> states = new ConcurrentHashMap<>();
    private final Map<String, Long> steps = new ConcurrentHashMap<>();
    private final NDManager stateManager;

    protected StatefulOptimizer(OptimizerSettings settings, DoubleSupplier learningRate, NDManager stateManager) {
        super(new Builder());
        this.settings = settings;
        this.learningRate = learningRate;
        this.stateManager = stateManager;
    }

    /** The optimizer a recipe's {@code optimizer.type} names. */
    public static StatefulOptimizer create(OptimizerSettings settings, DoubleSupplier learningRate, NDManager manager) {
        return switch (settings.type()) {
            case "sgd" -> new SgdOptimizer(settings, learningRate, manager);
            case "adam" -> new AdamOptimizer(settings, learningRate, manager);
            case "lars" -> new LarsOptimizer(settings, learningRate, manager);
            default -> throw new IllegalArgumentException("unknown optimizer " + settings.type());
        };
    }

    /** Number of state arrays per parameter. */
    protected abstract int stateSlots();

    /** Applies one update in place. {@code state} arrays start at zero; {@code step} counts from 1. */
    protected abstract void apply(NDArray weight, NDArray grad, NDArray[] state, long step, double lr, boolean decayed);

    @Override
    public void update(String parameterId, NDArray weight, NDArray grad) {
        Device device = weight.getDevice();
        NDArray[] state = states.computeIfAbsent(parameterId, k -> new ConcurrentHashMap<>())
                .computeIfAbsent(device, d -> newState(weight));
        long step = steps.merge(parameterId + "@" + device, 1L, Long::sum);
        // 1-D parameters are biases and batch-norm scales/shifts
        boolean decayed = !(settings.excludeBiasAndNorm() && weight.getShape().dimension() <= 1);
        try (NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            apply(weight, grad, state, step, learningRate.getAsDouble(), decayed);
        }
    }

    private NDArray[] newState(NDArray weight) {
        NDArray[] state = new NDArray[stateSlots()];
        for (int i = 0; i < state.length; i++) {
            state[i] = stateManager.zeros(weight.getShape(), weight.getDataType(), weight.getDevice());
            NDScope.unregister(state[i]);
        }
        return state;
    }

    /** {@code grad + weightDecay * weight} as a new array (or {@code grad} itself without decay). */
    protected NDArray withWeightDecay(NDArray weight, NDArray grad, boolean decayed) {
        if (!decayed || settings.weightDecay() == 0) {
            return grad;
        }
        return grad.add(weight.mul((float) settings.weightDecay()));
    }

    /** The state of the first device's copy of each parameter, for a checkpoint. */
    public Snapshot snapshot() {
        List<String> names = new ArrayList<>();
        NDList arrays = new NDList();
        Map<String, Long> stepCounts = new TreeMap<>();
        for (String id : new TreeMap<>(states).keySet()) {
            Map<Device, NDArray[]> byDevice = states.get(id);
            Device first = byDevice.keySet().stream().sorted((a, b) -> a.toString().compareTo(b.toString())).findFirst().orElseThrow();
            NDArray[] slots = byDevice.get(first);
            for (int i = 0; i < slots.length; i++) {
                names.add(id + "#" + i);
                arrays.add(slots[i]);
            }
            stepCounts.put(id, steps.getOrDefault(id + "@" + first, 0L));
        }
        return new Snapshot(names, arrays, stepCounts);
    }

    /** Restores a {@link #snapshot()} onto every device in {@code devices}. */
    public void restore(Snapshot snapshot, List<Device> devices) {
        states.clear();
        steps.clear();
        for (int i = 0; i < snapshot.names().size(); i++) {
            String name = snapshot.names().get(i);
            int hash = name.lastIndexOf('#');
            String id = name.substring(0, hash);
            int slot = Integer.parseInt(name.substring(hash + 1));
            NDArray saved = snapshot.arrays().get(i);
            for (Device device : devices) {
                NDArray[] slots = states.computeIfAbsent(id, k -> new ConcurrentHashMap<>())
                        .computeIfAbsent(device, d -> new NDArray[stateSlots()]);
                NDArray copy = saved.toDevice(device, true);
                copy.attach(stateManager);
                slots[slot] = copy;
            }
        }
        snapshot.steps().forEach((id, count) -> devices.forEach(d -> steps.put(id + "@" + d, count)));
    }

    /**
     * Optimizer state: one array per (parameter, slot), named {@code id#slot}, and the update count of
     * each parameter.
     */
    public record Snapshot(List<String> names, NDList arrays, Map<String, Long> steps) {}

    private static final class Builder extends OptimizerBuilder<Builder> {
        @Override
        protected Builder self() {
            return this;
        }
    }
}
