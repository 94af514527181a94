package contrastlab.runtime.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import contrastlab.runtime.TestRecipes;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Methods that need labels fail validation on an unlabelled dataset with one line; single-view methods
 * on a multi-exit backbone run a batch end to end with {@code views: 1}.
 */
class LabelledMethodsTest {

    private static final String SELFCON = TestRecipes.TINY
            .replace("method: {type: simclr, temperature: 0.5}", "method: {type: selfcon, temperature: 0.1}\nviews: 1")
            .replace("backbone: {type: resnet, depth: 18, stem: cifar, width: 4}",
                    "backbone: {type: resnet, depth: 18, stem: cifar, width: 4, exits: [false, true, false]}");

    @TempDir
    Path dir;

    private record Result(int code, String out, String err) {}

    private static Result run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void labelledMethodsOnAnUnlabelledDatasetFailWithOneLine() throws IOException {
        Path recipe = TestRecipes.write(dir, SELFCON);
        for (String method : List.of("selfcon", "supcon-s", "supervised")) {
            Result r = run("validate", recipe.toString(), "--set", "dataset.labels=false", "--set",
                    "method={type: " + method + "}");
            assertEquals(2, r.code(), r.err());
            List<String> lines = r.err().lines().filter(l -> l.startsWith("contrastlab: error: ")).toList();
            assertEquals(List.of("contrastlab: error: method '" + method + "' needs labels but dataset split 'train' has "
                    + "none; pick a labelled split or a self-supervised method"), lines, r.err());
        }
        // the unlabelled variant of the same method is fine there
        Result ok = run("validate", recipe.toString(), "--set", "dataset.labels=false", "--set", "method={type: selfcon-su}",
                "--set", "evaluate=[]");
        assertEquals(0, ok.code(), ok.err());
    }

    @Test
    void singleViewMethodsRunABatchWithOneView() throws IOException {
        Path recipe = TestRecipes.write(dir, SELFCON);
        for (String method : List.of("selfcon", "supcon-s", "supervised")) {
            Result r = run("validate", recipe.toString(), "--set", "method={type: " + method + "}");
            assertEquals(0, r.code(), method + ": " + r.err());
            assertTrue(r.out().startsWith("ok: ") && r.out().contains("1 view"), r.out());
        }
    }
}
