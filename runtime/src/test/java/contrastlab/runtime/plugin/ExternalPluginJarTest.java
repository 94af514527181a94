package contrastlab.runtime.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import contrastlab.api.augment.AugmentationPlugin;
import contrastlab.api.augment.Image;
import contrastlab.api.plugin.Plugin;
import contrastlab.api.plugin.PluginKind;
import contrastlab.runtime.cli.Main;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A third-party plugin compiled here against contrastlab-api (and DJL's api) alone, packaged as a jar
 * with a service file, and found through {@code --plugins DIR}.
 */
class ExternalPluginJarTest {

    @TempDir
    static Path work;
    static Path pluginDir;

    private static final String PARAMETERS = """
            package example.invert;
            /** How strongly to invert. */
            public record InvertParameters(double amount) {}
            """;
    private static final String PLUGIN = """
            package example.invert;
            import contrastlab.api.augment.Augmentation;
            import contrastlab.api.augment.AugmentationPlugin;
            public final class InvertPlugin implements AugmentationPlugin<InvertParameters> {
                public String name() { return "invert"; }
                public Class<InvertParameters> parametersType() { return InvertParameters.class; }
                public InvertParameters defaults() { return new InvertParameters(1.0); }
                public String description() { return "x -> amount * (1 - x) + (1 - amount) * x"; }
                public Augmentation create(InvertParameters p) {
                    return (image, random) -> {
                        float[] px = image.pixels();
                        for (int i = 0; i < px.length; i++) {
                            px[i] = (float) (p.amount() * (1 - px[i]) + (1 - p.amount()) * px[i]);
                        }
                        return image;
                    };
                }
            }
            """;

    @BeforeAll
    static void buildJar() throws IOException {
        Path src = Files.createDirectories(work.resolve("src/example/invert"));
        Files.writeString(src.resolve("InvertParameters.java"), PARAMETERS);
        Files.writeString(src.resolve("InvertPlugin.java"), PLUGIN);
        Path classes = Files.createDirectories(work.resolve("classes"));
        // only the api module and DJL's api: what a third-party plugin may depend on
        String classpath = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(e -> e.contains("contrastlab-api") || e.replace('\\', '/').endsWith("api/target/classes")
                        || e.replace('\\', '/').contains("/ai/djl/api/"))
                .collect(Collectors.joining(File.pathSeparator));
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        int rc = javac.run(null, null, null, "--release", "17", "-cp", classpath, "-d", classes.toString(),
                src.resolve("InvertParameters.java").toString(), src.resolve("InvertPlugin.java").toString());
        assertEquals(0, rc, "the example plugin must compile against contrastlab-api alone (classpath " + classpath + ")");
        pluginDir = Files.createDirectories(work.resolve("plugins"));
        try (OutputStream file = Files.newOutputStream(pluginDir.resolve("invert.jar"));
                JarOutputStream jar = new JarOutputStream(file)) {
            try (Stream<Path> files = Files.walk(classes)) {
                for (Path c : files.filter(Files::isRegularFile).toList()) {
                    jar.putNextEntry(new JarEntry(classes.relativize(c).toString().replace('\\', '/')));
                    jar.write(Files.readAllBytes(c));
                    jar.closeEntry();
                }
            }
            jar.putNextEntry(new JarEntry("META-INF/services/" + AugmentationPlugin.class.getName()));
            jar.write("example.invert.InvertPlugin\n".getBytes(StandardCharsets.UTF_8));
            jar.closeEntry();
        }
    }

    @Test
    void registryFindsThePluginInTheJarAndItWorks() {
        PluginRegistry registry = PluginRegistry.discover(List.of(pluginDir));
        @SuppressWarnings("unchecked")
        AugmentationPlugin<Object> invert = (AugmentationPlugin<Object>) registry.find(PluginKind.AUGMENTATION, "invert")
                .orElseThrow();
        Image image = new Image(1, 1, 2, new float[] {0.25f, 1f});
        Image out = invert.create(invert.defaults()).apply(image, new SplittableRandom(1));
        assertEquals(0.75f, out.pixels()[0], 1e-6);
        assertEquals(0f, out.pixels()[1], 1e-6);
        // built-ins are found through the same loader
        assertTrue(registry.plugins(PluginKind.AUGMENTATION).size() > 1);
    }

    @Test
    void withoutTheDirectoryThePluginIsAbsent() {
        Plugin<?> found = PluginRegistry.discover(List.of()).find(PluginKind.AUGMENTATION, "invert").orElse(null);
        assertEquals(null, found);
    }

    @Test
    void cliListsTheExternalPluginWithItsDefaults() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(new String[] {"plugins", "augmentation", "--plugins", pluginDir.toString()},
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        String text = out.toString(StandardCharsets.UTF_8);
        assertEquals(0, code, err.toString(StandardCharsets.UTF_8));
        assertTrue(text.contains("invert") && text.contains("amount: 1.0"), text);
    }

    @Test
    void aMissingPluginDirectoryIsAUsageError() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(new String[] {"plugins", "--plugins", work.resolve("nope").toString()},
                new PrintStream(new ByteArrayOutputStream()), new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(2, code);
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("is not a directory"));
    }
}
