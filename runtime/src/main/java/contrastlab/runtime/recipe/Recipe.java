package contrastlab.runtime.recipe;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * A validated recipe: every plugin resolved and every parameter bound.
 *
 * @param augment the first view's augmentation steps
 * @param viewAugment each view's augmentation steps, one list per view (the same list for every view unless
 *        the recipe gives {@code augment: {views: [...]}})
 * @param resolved the recipe with every default filled in, as written to the run directory
 * @param given the recipe as the user wrote it ({@code extends:} and {@code --set} applied, no defaults): what
 *        the user chose explicitly
 * @param stepsPerEpoch when positive, caps the steps of an epoch (smoke tests, demos)
 * @param stages the {@code stages:} list in order; empty when the recipe has none (training is its only stage)
 */
public record Recipe(String name, long seed, DatasetChoice dataset, int views, List<PluginChoice<?>> augment,
        List<List<PluginChoice<?>>> viewAugment,
        List<PluginChoice<?>> evalAugment, PluginChoice<?> backbone, PluginChoice<?> method,
        List<PretextChoice> pretext, PluginChoice<?> sampler, OptimizerSettings optimizer,
        ScheduleSettings schedule, int batchSize, List<EvaluatorChoice> evaluate, String devices,
        DataSettings data, int stepsPerEpoch, String primaryMetric, List<StageChoice> stages,
        ObjectNode resolved, ObjectNode given) {

    /** Whether the recipe has a {@code stages:} list. */
    public boolean multiStage() {
        return !stages.isEmpty();
    }

    /** Whether an {@code evaluate} stage runs the evaluators with {@code everyEpochs: 0} after training. */
    public boolean evaluateStage() {
        return stages.stream().anyMatch(s -> s.kind() == StageChoice.Kind.EVALUATE);
    }

    public int epochs() {
        return schedule.epochs();
    }
}
