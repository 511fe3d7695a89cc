package io.ferstream.model.preprocess;

/** How pixel values 0..255 become network inputs. */
public enum PreprocessingMode {
    /** {@code x / 255}. */
    SCALE,
    /** {@code (x / 255 - mean) / std} with one mean and std fitted on the training images. */
    GLOBAL_STANDARDIZE,
    /** {@code (x / 255 - mean[p]) / std[p]} with a mean and std per pixel position fitted on the training images. */
    PER_PIXEL_STANDARDIZE
}
