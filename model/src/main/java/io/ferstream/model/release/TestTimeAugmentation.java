package io.ferstream.model.release;

/** Test-time augmentation applied by an {@link Ensemble}, recorded in the manifest. */
public enum TestTimeAugmentation {
    /** Each member sees the crop as it is. */
    NONE,
    /** Each member sees the crop and its left-right mirror; the two softmax outputs are averaged. */
    HFLIP
}
