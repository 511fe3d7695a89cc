package io.ferstream.model.data;

/** What happens to FER2013's Disgust rows (label 1) when mapping to the six FerStream classes. */
public enum DisgustPolicy {
    /** Disgust rows are left out (the default, as in the reference study). */
    DROP,
    /** Disgust rows are kept and labelled Angry. */
    MERGE_INTO_ANGRY
}
