package contrastlab.runtime.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import contrastlab.runtime.recipe.ScheduleSettings;
import java.util.List;
import org.junit.jupiter.api.Test;

class LearningRateScheduleTest {

    @Test
    void cosinePerEpochMatchesTorchCosineAnnealing() {
        ScheduleSettings s = new ScheduleSettings("cosine", 10, 0, 0, List.of(), 0.1, "epoch", 0, 2.0, 1.0, 0.0);
        LearningRateSchedule schedule = new LearningRateSchedule(s, 0.06, 5);
        for (int epoch = 0; epoch < 10; epoch++) {
            double expected = 0.06 * (1 + Math.cos(Math.PI * epoch / 10)) / 2;
            for (int i = 0; i < 5; i++) {
                assertEquals(expected, schedule.at(epoch * 5L + i), 1e-12);
            }
        }
    }

    @Test
    void linearWarmupThenCosinePerIteration() {
        ScheduleSettings s = new ScheduleSettings("cosine", 10, 2, 0.001, List.of(), 0.1, "iteration", 0, 2.0, 1.0, 0.0);
        LearningRateSchedule schedule = new LearningRateSchedule(s, 1.0, 100);
        assertEquals(1.0 / 200, schedule.at(0), 1e-12);
        assertEquals(100.0 / 200, schedule.at(99), 1e-12);
        assertEquals(1.0, schedule.at(200), 1e-12);
        double halfway = 0.001 + (1 - 0.001) * 0.5 * (1 + Math.cos(Math.PI * 0.5));
        assertEquals(halfway, schedule.at(600), 1e-12);
    }

    @Test
    void stepScheduleMultipliesAtMilestones() {
        ScheduleSettings s = new ScheduleSettings("step", 100, 0, 0, List.of(60, 80), 0.1, "epoch", 0, 2.0, 1.0, 0.0);
        LearningRateSchedule schedule = new LearningRateSchedule(s, 3.0, 10);
        assertEquals(3.0, schedule.at(599), 1e-12);
        assertEquals(0.3, schedule.at(600), 1e-12);
        assertEquals(0.03, schedule.at(800), 1e-12);
    }

    /**
     * Keras' CosineDecayRestarts(0.1, first_decay_steps=1000) (t_mul 2, m_mul 1, alpha 0), values
     * worked out by hand from its formula: cycles [0, 1000), [1000, 3000), [3000, 7000), ...
     */
    @Test
    void cosineRestartsMatchesKerasCosineDecayRestarts() {
        ScheduleSettings s = new ScheduleSettings("cosine-restarts", 15, 0, 0, List.of(), 0.1, "iteration", 1000, 2.0, 1.0,
                0.0);
        LearningRateSchedule schedule = new LearningRateSchedule(s, 0.1, 781);
        assertEquals(0.1, schedule.at(0), 1e-12);
        assertEquals(0.05, schedule.at(500), 1e-12);
        assertEquals(0.1 * 0.5 * (1 + Math.cos(Math.PI * 0.999)), schedule.at(999), 1e-12);
        assertEquals(0.1, schedule.at(1000), 1e-12);
        // second cycle is 2000 steps: step 1500 is a quarter in
        assertEquals(0.1 * 0.5 * (1 + Math.cos(Math.PI / 4)), schedule.at(1500), 1e-12);
        assertEquals(0.05, schedule.at(2000), 1e-12);
        assertEquals(0.1, schedule.at(3000), 1e-12);
        assertEquals(0.05, schedule.at(5000), 1e-12);
        assertEquals(0.1, schedule.at(7000), 1e-12);
    }

    @Test
    void cosineRestartsWithDecayingPeaksAndFloor() {
        // t_mul 1 (equal cycles of 10), m_mul 0.5, alpha 0.2: lr * ((1 - alpha) * 0.5 * m^i * (1 + cos) + alpha)
        ScheduleSettings s = new ScheduleSettings("cosine-restarts", 5, 0, 0, List.of(), 0.1, "iteration", 10, 1.0, 0.5,
                0.2);
        LearningRateSchedule schedule = new LearningRateSchedule(s, 2.0, 10);
        assertEquals(2.0, schedule.at(0), 1e-12);
        assertEquals(2.0 * (0.8 * 0.5 + 0.2), schedule.at(5), 1e-12);
        assertEquals(2.0 * (0.8 * 0.5 + 0.2), schedule.at(10), 1e-12);
        assertEquals(2.0 * (0.8 * 0.25 * 0.5 * (1 + Math.cos(Math.PI * 0.3)) + 0.2), schedule.at(23), 1e-12);
    }

    @Test
    void cosineRestartsPerEpochCountsEpochs() {
        ScheduleSettings s = new ScheduleSettings("cosine-restarts", 9, 0, 0, List.of(), 0.1, "epoch", 2, 2.0, 1.0, 0.0);
        LearningRateSchedule schedule = new LearningRateSchedule(s, 1.0, 7);
        assertEquals(1.0, schedule.at(6), 1e-12);
        assertEquals(0.5, schedule.at(7), 1e-12);
        assertEquals(1.0, schedule.at(14), 1e-12);
        assertEquals(0.5, schedule.at(4 * 7 + 3), 1e-12);
    }

    @Test
    void cosineRestartsNeedsFirstDecaySteps() {
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> new ScheduleSettings("cosine-restarts", 5, 0, 0, List.of(), 0.1, "iteration", 0, 2.0, 1.0, 0.0));
        org.junit.jupiter.api.Assertions.assertTrue(e.getMessage().contains("firstDecaySteps"), e.getMessage());
    }
}
