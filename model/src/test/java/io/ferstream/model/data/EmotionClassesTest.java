package io.ferstream.model.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class EmotionClassesTest {

    @Test
    void shouldListSixClassesInOrder() {
        assertThat(EmotionClasses.NAMES).containsExactly("Angry", "Fear", "Happy", "Sad", "Surprise", "Neutral");
        assertThat(EmotionClasses.indexOf("happy")).isEqualTo(2);
        assertThat(EmotionClasses.indexOf("Disgust")).isEqualTo(-1);
    }

    @Test
    void shouldMapFer2013LabelsPerDisgustPolicy() {
        int[] expected = {0, EmotionClasses.DROPPED, 1, 2, 3, 4, 5};
        for (int fer = 0; fer <= 6; fer++) {
            assertThat(EmotionClasses.fromFer2013(fer, DisgustPolicy.DROP)).isEqualTo(expected[fer]);
            if (fer != 1) {
                assertThat(EmotionClasses.name(EmotionClasses.fromFer2013(fer, DisgustPolicy.DROP)))
                        .isEqualTo(EmotionClasses.FER2013_NAMES.get(fer));
            }
        }
        assertThat(EmotionClasses.fromFer2013(1, DisgustPolicy.MERGE_INTO_ANGRY)).isZero();
        assertThatThrownBy(() -> EmotionClasses.fromFer2013(7, DisgustPolicy.DROP))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
