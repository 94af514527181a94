package contrastlab.plugins.evaluate.finetune;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The label fraction of the fine-tuning protocol: exact, stratified, seeded counts (no engine needed). */
class FinetuneSplitTest {

    private static int[] perClass(int[] labels, int[] indices, int classes) {
        int[] counts = new int[classes];
        for (int i : indices) {
            counts[labels[i]]++;
        }
        return counts;
    }

    @Test
    void tenPercentOfCifarSizedClassesThenTenPercentOfThoseValidate() {
        // CIFAR-10's train split: 5,000 images a class, in a shuffled-looking order
        int[] labels = IntStream.range(0, 50_000).map(i -> (i * 7) % 10).toArray();
        FinetuneEvaluator.LabelledSplit split = FinetuneEvaluator.labelledSplit(labels, 10, 0.1, 0.1, 666);
        int[] fit = perClass(labels, split.fit(), 10);
        int[] validation = perClass(labels, split.validation(), 10);
        int[] fiveHundredEach = new int[10];
        Arrays.fill(fiveHundredEach, 450);
        assertArrayEquals(fiveHundredEach, fit, "500 labelled a class, 450 trained on");
        Arrays.fill(fiveHundredEach, 50);
        assertArrayEquals(fiveHundredEach, validation, "and 50 a class held out");
        assertTrue(Arrays.stream(split.fit()).noneMatch(i -> Arrays.stream(split.validation()).anyMatch(j -> j == i)));
        FinetuneEvaluator.LabelledSplit again = FinetuneEvaluator.labelledSplit(labels, 10, 0.1, 0.1, 666);
        assertArrayEquals(split.fit(), again.fit(), "seeded");
        FinetuneEvaluator.LabelledSplit other = FinetuneEvaluator.labelledSplit(labels, 10, 0.1, 0.1, 667);
        assertTrue(!Arrays.equals(split.fit(), other.fit()), "another seed, other images");
    }

    @Test
    void unevenClassesKeepTheirProportions() {
        // 300 / 200 / 100 images: 20 % labelled = 60 / 40 / 20; a quarter of those validate = 15 / 10 / 5
        int[] labels = IntStream.range(0, 600).map(i -> i < 300 ? 0 : i < 500 ? 1 : 2).toArray();
        FinetuneEvaluator.LabelledSplit split = FinetuneEvaluator.labelledSplit(labels, 3, 0.2, 0.25, 1);
        assertArrayEquals(new int[] {45, 30, 15}, perClass(labels, split.fit(), 3));
        assertArrayEquals(new int[] {15, 10, 5}, perClass(labels, split.validation(), 3));
    }

    @Test
    void parametersAreChecked() {
        FinetuneParameters d = new FinetunePlugin().defaults();
        assertEquals(0.1, d.fraction());
        assertEquals(1e-5, d.lr());
        assertEquals("frozen", d.batchNorm());
        assertThrows(IllegalArgumentException.class, () -> new FinetuneParameters(0, 0.1, 35, 1e-3, 35, 1e-5, 64, 2,
                "frozen", "train", "test"));
        assertThrows(IllegalArgumentException.class, () -> new FinetuneParameters(0.1, 0.1, 35, 1e-3, 35, 1e-5, 64, 2,
                "eval", "train", "test"));
        assertThrows(IllegalArgumentException.class, () -> new FinetuneParameters(0.1, 0.1, 35, 1e-3, 35, 1e-5, 64, 0,
                "frozen", "train", "test"));
    }
}
