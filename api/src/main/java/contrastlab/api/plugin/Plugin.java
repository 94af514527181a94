package contrastlab.api.plugin;

/**
 * The common contract of every plugin kind: a kebab-case name that a recipe's {@code type:} selects,
 * and a parameter record that the runtime binds from the recipe section.
 *
 * <p>The runtime serialises {@link #defaults()} to a tree, overlays the recipe's keys on it (unknown
 * keys are an error naming the valid ones) and binds the result back to {@link #parametersType()}.
 * A component of the defaults that is {@code null} is a required parameter.
 *
 * @param <P> the parameter record type
 */
public interface Plugin<P> {

    /** The name a recipe uses in {@code type:}, kebab-case, unique within the plugin kind. */
    String name();

    /** The record the recipe section is bound to. */
    Class<P> parametersType();

    /** The parameters used for every key the recipe leaves out; null components are required. */
    P defaults();

    /** One line for {@code contrastlab plugins}. */
    default String description() {
        return "";
    }
}
