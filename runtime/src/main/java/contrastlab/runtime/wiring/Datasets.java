package contrastlab.runtime.wiring;

import contrastlab.api.dataset.DatasetPlugin;
import contrastlab.api.dataset.ImageDataset;
import contrastlab.runtime.recipe.PluginChoice;
import contrastlab.runtime.train.ConcatDataset;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Opens the recipe dataset's splits once each ({@code a+b} joins splits). */
public final class Datasets {

    private final DatasetPlugin<?> plugin;
    private final Object parameters;
    private final Map<String, ImageDataset> open = new ConcurrentHashMap<>();

    Datasets(DatasetPlugin<?> plugin, PluginChoice<?> choice) {
        this.plugin = plugin;
        this.parameters = choice.parameters();
    }

    public synchronized ImageDataset split(String name) throws IOException {
        ImageDataset cached = open.get(name);
        if (cached != null) {
            return cached;
        }
        List<String> known = splits(plugin, parameters);
        List<ImageDataset> parts = new ArrayList<>();
        for (String part : name.split("\\+")) {
            if (!known.contains(part)) {
                throw new IllegalArgumentException("dataset '" + plugin.name() + "' has no split '" + part
                        + "'; known: " + String.join(", ", known));
            }
            parts.add(openSplit(plugin, parameters, part));
        }
        ImageDataset dataset = parts.size() == 1 ? parts.get(0) : new ConcatDataset(parts);
        open.put(name, dataset);
        return dataset;
    }

    private static <P> List<String> splits(DatasetPlugin<P> plugin, Object parameters) {
        return plugin.splits(plugin.parametersType().cast(parameters));
    }

    private static <P> ImageDataset openSplit(DatasetPlugin<P> plugin, Object parameters, String split) throws IOException {
        return plugin.open(plugin.parametersType().cast(parameters), split);
    }
}
