package io.ferstream.model.data;

import java.util.List;

/**
 * The one place that maps FER2013's seven labels to FerStream's six classes.
 *
 * <p>FER2013: 0 Angry, 1 Disgust, 2 Fear, 3 Happy, 4 Sad, 5 Surprise, 6 Neutral.
 * FerStream (model output index): 0 Angry, 1 Fear, 2 Happy, 3 Sad, 4 Surprise, 5 Neutral.
 * Disgust is dropped ({@link DisgustPolicy#DROP}, the default) or merged into Angry.
 */
public final class EmotionClasses {

    /** The six class names in model output order. Release bundles must carry exactly this list. */
    public static final List<String> NAMES = List.of("Angry", "Fear", "Happy", "Sad", "Surprise", "Neutral");

    /** Number of model output classes. */
    public static final int COUNT = NAMES.size();

    /** FER2013's seven label names, index = FER2013 label. */
    public static final List<String> FER2013_NAMES =
            List.of("Angry", "Disgust", "Fear", "Happy", "Sad", "Surprise", "Neutral");

    /** FER2013 label of Disgust. */
    public static final int FER2013_DISGUST = 1;

    /** Value returned by {@link #fromFer2013} for a row that the policy drops. */
    public static final int DROPPED = -1;

    private static final int[] FER_TO_CLASS = {0, DROPPED, 1, 2, 3, 4, 5};

    private EmotionClasses() {
    }

    /**
     * Maps a FER2013 label (0..6) to a class index (0..5), or {@link #DROPPED}.
     *
     * @throws IllegalArgumentException if the label is not 0..6
     */
    public static int fromFer2013(int ferLabel, DisgustPolicy policy) {
        if (ferLabel < 0 || ferLabel >= FER_TO_CLASS.length) {
            throw new IllegalArgumentException("FER2013 label must be 0..6, was " + ferLabel);
        }
        if (ferLabel == FER2013_DISGUST) {
            return policy == DisgustPolicy.MERGE_INTO_ANGRY ? 0 : DROPPED;
        }
        return FER_TO_CLASS[ferLabel];
    }

    /** The name of a class index 0..5. */
    public static String name(int classIndex) {
        return NAMES.get(classIndex);
    }

    /** The class index of a name (case-insensitive), or -1. */
    public static int indexOf(String name) {
        for (int i = 0; i < COUNT; i++) {
            if (NAMES.get(i).equalsIgnoreCase(name)) {
                return i;
            }
        }
        return -1;
    }
}
