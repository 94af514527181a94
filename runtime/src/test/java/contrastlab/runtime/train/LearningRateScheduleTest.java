package contrastlab.runtime.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import contrastlab.runtime.recipe.ScheduleSettings;
import java.util.List;
import org.junit.jupiter.api.Test;

class LearningRateScheduleTest {

    @Test
    void cosinePerEpochMatchesTorchCosineAnnealing() {
        ScheduleSettings s = new ScheduleSettings("cosine", 10, 0, 0, List.of(), 0.1, "epoch");
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
        ScheduleSettings s = new ScheduleSettings("cosine", 10, 2, 0.001, List.of(), 0.1, "iteration");
        LearningRateSchedule schedule = new LearningRateSchedule(s, 1.0, 100);
        assertEquals(1.0 / 200, schedule.at(0), 1e-12);
        assertEquals(100.0 / 200, schedule.at(99), 1e-12);
        assertEquals(1.0, schedule.at(200), 1e-12);
        double halfway = 0.001 + (1 - 0.001) * 0.5 * (1 + Math.cos(Math.PI * 0.5));
        assertEquals(halfway, schedule.at(600), 1e-12);
    }

    @Test
    void stepScheduleMultipliesAtMilestones() {
        ScheduleSettings s = new ScheduleSettings("step", 100, 0, 0, List.of(60, 80), 0.1, "epoch");
        LearningRateSchedule schedule = new LearningRateSchedule(s, 3.0, 10);
        assertEquals(3.0, schedule.at(599), 1e-12);
        assertEquals(0.3, schedule.at(600), 1e-12);
        assertEquals(0.03, schedule.at(800), 1e-12);
    }
}
