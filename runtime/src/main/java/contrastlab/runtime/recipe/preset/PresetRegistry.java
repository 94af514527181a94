package contrastlab.runtime.recipe.preset;

import contrastlab.api.augment.AugmentPreset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;

/** The augmentation presets on a class path, by name; two presets claiming one name are an error. */
public final class PresetRegistry {

    private final Map<String, AugmentPreset<?>> byName;
    private final List<AugmentPreset<?>> presets;

    private PresetRegistry(Map<String, AugmentPreset<?>> byName, List<AugmentPreset<?>> presets) {
        this.byName = byName;
        this.presets = presets;
    }

    /** Every {@link AugmentPreset} that {@code loader} lists in its service files. */
    @SuppressWarnings("rawtypes")
    public static PresetRegistry discover(ClassLoader loader) {
        List<AugmentPreset<?>> presets = new ArrayList<>();
        for (AugmentPreset preset : ServiceLoader.load(AugmentPreset.class, loader)) {
            presets.add(preset);
        }
        return of(presets);
    }

    /** A registry of exactly these presets. */
    public static PresetRegistry of(List<AugmentPreset<?>> presets) {
        Map<String, AugmentPreset<?>> byName = new LinkedHashMap<>();
        for (AugmentPreset<?> preset : presets) {
            for (String name : preset.names()) {
                AugmentPreset<?> previous = byName.put(name, preset);
                if (previous != null && previous.getClass() != preset.getClass()) {
                    throw new IllegalStateException("augmentation preset '" + name + "' is defined twice: by "
                            + previous.getClass().getName() + " and " + preset.getClass().getName());
                }
            }
        }
        return new PresetRegistry(byName, List.copyOf(presets));
    }

    public Optional<AugmentPreset<?>> find(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    /** The known names, for error messages. */
    public String hint() {
        return String.join("; ", presets.stream().map(AugmentPreset::namesHint).toList());
    }

    public List<AugmentPreset<?>> presets() {
        return presets;
    }
}
