package contrastlab.runtime.plugin;

import contrastlab.api.plugin.Plugin;
import contrastlab.api.plugin.PluginKind;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Every plugin found with {@link ServiceLoader}, by kind and name. Built-in plugins and jars from
 * {@code --plugins DIR} are found the same way, through one class loader.
 */
public final class PluginRegistry {

    private final Map<PluginKind, Map<String, Plugin<?>>> byKind;
    private final ClassLoader classLoader;

    private PluginRegistry(Map<PluginKind, Map<String, Plugin<?>>> byKind, ClassLoader classLoader) {
        this.byKind = byKind;
        this.classLoader = classLoader;
    }

    /** Discovers the plugins visible to this class's loader plus every jar in {@code pluginDirs}. */
    public static PluginRegistry discover(List<Path> pluginDirs) {
        ClassLoader parent = PluginRegistry.class.getClassLoader();
        List<URL> jars = new ArrayList<>();
        for (Path dir : pluginDirs) {
            if (!Files.isDirectory(dir)) {
                throw new PluginException("--plugins " + dir + " is not a directory; pass a folder holding plugin jars");
            }
            try (Stream<Path> files = Files.list(dir)) {
                for (Path jar : files.filter(f -> f.toString().endsWith(".jar")).sorted().toList()) {
                    jars.add(jar.toUri().toURL());
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        ClassLoader loader = jars.isEmpty() ? parent : new URLClassLoader(jars.toArray(URL[]::new), parent);
        Map<PluginKind, Map<String, Plugin<?>>> byKind = new EnumMap<>(PluginKind.class);
        for (PluginKind kind : PluginKind.values()) {
            Map<String, Plugin<?>> plugins = new TreeMap<>();
            try {
                for (Plugin<?> plugin : ServiceLoader.load(kind.contract(), loader)) {
                    Plugin<?> previous = plugins.put(plugin.name(), plugin);
                    if (previous != null && previous.getClass() != plugin.getClass()) {
                        throw new PluginException("two " + kind.label() + " plugins are named '" + plugin.name() + "': "
                                + previous.getClass().getName() + " and " + plugin.getClass().getName()
                                + "; remove one of the jars");
                    }
                }
            } catch (ServiceConfigurationError e) {
                throw new PluginException("cannot load a " + kind.label() + " plugin: " + e.getMessage());
            }
            byKind.put(kind, Collections.unmodifiableMap(plugins));
        }
        return new PluginRegistry(byKind, loader);
    }


    public Map<String, Plugin<?>> plugins(PluginKind kind) {
        return byKind.get(kind);
    }

    public Optional<Plugin<?>> find(PluginKind kind, String name) {
        return Optional.ofNullable(byKind.get(kind).get(name));
    }

    /** The loader plugin classes came from (for Jackson to see their parameter records). */
    public ClassLoader classLoader() {
        return classLoader;
    }
}
