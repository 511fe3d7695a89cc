package io.ferstream.registry;

/** Avro schemas used across the tests. */
public final class Schemas {
    /** record Face { string id; } */
    public static final String V1 = "{\"type\":\"record\",\"name\":\"Face\",\"namespace\":\"io.ferstream.test\","
            + "\"fields\":[{\"name\":\"id\",\"type\":\"string\"}]}";
    /** V1 + optional field with default: backward and forward compatible with V1. */
    public static final String V2 = "{\"type\":\"record\",\"name\":\"Face\",\"namespace\":\"io.ferstream.test\","
            + "\"fields\":[{\"name\":\"id\",\"type\":\"string\"},"
            + "{\"name\":\"score\",\"type\":\"double\",\"default\":0.0}]}";
    /** V2 + field without default: not backward compatible with V2 (cannot read old data). */
    public static final String V3_NO_DEFAULT = "{\"type\":\"record\",\"name\":\"Face\",\"namespace\":\"io.ferstream.test\","
            + "\"fields\":[{\"name\":\"id\",\"type\":\"string\"},"
            + "{\"name\":\"score\",\"type\":\"double\",\"default\":0.0},"
            + "{\"name\":\"label\",\"type\":\"string\"}]}";
    /** V1 with the field type changed: incompatible every way. */
    public static final String V1_INT_ID = "{\"type\":\"record\",\"name\":\"Face\",\"namespace\":\"io.ferstream.test\","
            + "\"fields\":[{\"name\":\"id\",\"type\":\"int\"}]}";
    /** V1 pretty-printed: same canonical form. */
    public static final String V1_SPACED = "{\n  \"type\" : \"record\",\n  \"name\" : \"Face\",\n"
            + "  \"namespace\" : \"io.ferstream.test\",\n  \"fields\" : [ { \"name\" : \"id\", \"type\" : \"string\" } ]\n}";
    public static final String OTHER = "{\"type\":\"record\",\"name\":\"Other\",\"fields\":[{\"name\":\"x\",\"type\":\"long\"}]}";

    private Schemas() {
    }
}
