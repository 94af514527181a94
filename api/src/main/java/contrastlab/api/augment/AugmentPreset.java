package contrastlab.api.augment;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A named augmentation pipeline: {@code augment: {preset: NAME, key: value...}} in a recipe is expanded
 * by the recipe loader into explicit {@code {type: ...}} steps, which are then validated like hand-written
 * steps and written out in the run's {@code recipe.yaml}. Presets are found with {@link java.util.ServiceLoader}
 * (file {@code META-INF/services/contrastlab.api.augment.AugmentPreset}) on the plugin class
 * path, so a jar in a {@code --plugins} folder can add one.
 *
 * <p>The parameters follow the plugin convention: a record whose component names are the preset's keys,
 * {@code defaults()} with {@code null} for a required key. The expansion uses plain maps and lists so
 * an implementation needs no JSON library.
 *
 * @param <P> the parameter record
 */
public interface AugmentPreset<P> {

    /** The {@code preset:} values this preset answers to. */
    Set<String> names();

    /** How the names read in the "known presets" part of an error, e.g. "color". */
    default String namesHint() {
        return String.join(", ", names().stream().sorted().toList());
    }

    /** One line for {@code contrastlab plugins}-style listings and error messages. */
    String description();

    Class<P> parametersType();

    P defaults();

    /**
     * The explicit pipeline: one map per step, each with a {@code type} key and that plugin's keys
     * (values: numbers, strings, booleans, lists of them).
     */
    List<Map<String, Object>> expand(String name, P parameters);
}
