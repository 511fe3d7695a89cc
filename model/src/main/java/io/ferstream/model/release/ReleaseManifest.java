package io.ferstream.model.release;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code manifest.json} of a release bundle. Metric keys: {@code publictest.accuracy} (as served, i.e. with the
 * bundle's test-time augmentation), {@code publictest.accuracy.plain} (no TTA), {@code publictest.accuracy.hflip},
 * {@code publictest.rows}; members carry {@code publictest.accuracy} (plain) and {@code publictest.accuracy.hflip}.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public final class ReleaseManifest {

    /** Supported {@link #formatVersion}. */
    public static final int FORMAT_VERSION = 1;

    /** One ensemble member. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static final class Member {
        /** Zip entry of the DL4J ModelSerializer file. */
        public String entry;
        /** Architecture registry name. */
        public String architecture;
        public long parameters;
        /** Where it came from, e.g. {@code runs/ref4-s42/snapshots/snapshot-0001000.zip}. */
        public String source;
        public Map<String, Double> metrics = new LinkedHashMap<>();
    }

    /** The training data a release was fitted on. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static final class TrainingData {
        /** SHA-256 of the exact CSV rows used ({@link io.ferstream.model.data.Fer2013Data#sha256()}). */
        public String sha256;
        public int rows;
        public String disgustPolicy;
        public String description;
    }

    public int formatVersion = FORMAT_VERSION;
    public String releaseId;
    public String parentReleaseId;
    /** ISO-8601 UTC. */
    public String createdAt;
    public String ferstreamVersion;
    public List<String> architectures = new ArrayList<>();
    public int memberCount;
    public List<Member> members = new ArrayList<>();
    public List<String> classes = new ArrayList<>();
    public List<Integer> inputShape = new ArrayList<>();
    /** Entry of the preprocessing JSON. */
    public String preprocessing;
    public TestTimeAugmentation testTimeAugmentation = TestTimeAugmentation.NONE;
    /** Data type of the stored member weights, FLOAT or HALF (served in FLOAT either way). */
    public String weightsDataType = "FLOAT";
    /** How member outputs combine: the mean of their softmax probabilities. */
    public String combination = "mean-softmax";
    public TrainingData trainingData;
    public Map<String, Double> metrics = new LinkedHashMap<>();
    /** Free-form training details (run configuration, command). */
    public Map<String, Object> training = new LinkedHashMap<>();
    /** SHA-256 (hex) of every other entry of the zip, by entry name. */
    public Map<String, String> entries = new LinkedHashMap<>();
}
