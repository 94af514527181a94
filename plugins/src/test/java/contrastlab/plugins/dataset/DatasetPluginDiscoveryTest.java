package contrastlab.plugins.dataset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import contrastlab.api.dataset.DatasetPlugin;
import java.lang.reflect.RecordComponent;
import java.util.List;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

class DatasetPluginDiscoveryTest {

    @Test
    @SuppressWarnings("rawtypes")
    void everyDatasetIsFoundWithCompleteDefaults() throws Exception {
        List<DatasetPlugin> plugins = ServiceLoader.load(DatasetPlugin.class).stream()
                .map(ServiceLoader.Provider::get)
                .filter(p -> p.getClass().getPackageName().startsWith("contrastlab.plugins.dataset"))
                .toList();
        assertEquals(List.of("fashion-mnist", "cifar10", "cifar100", "stl10", "synthetic"),
                plugins.stream().map(DatasetPlugin::name).toList());
        for (DatasetPlugin plugin : plugins) {
            Object defaults = plugin.defaults();
            assertTrue(plugin.parametersType().isRecord(), plugin.name());
            assertTrue(plugin.parametersType().isInstance(defaults), plugin.name());
            // nothing is required: every dataset opens with its defaults alone
            for (RecordComponent c : plugin.parametersType().getRecordComponents()) {
                assertNotNull(c.getAccessor().invoke(defaults), plugin.name() + "." + c.getName());
            }
            assertFalse(plugin.description().isBlank(), plugin.name());
            @SuppressWarnings("unchecked")
            List<String> splits = plugin.splits(defaults);
            assertTrue(splits.containsAll(List.of("train", "test")), plugin.name());
        }
    }
}
