package io.ferstream.registry.core;

/**
 * Factories for every error, with Confluent's message texts (typos included: clients and people grep
 * for them).
 */
public final class Errors {
    private Errors() {
    }

    public static RegistryException subjectNotFound(String subject) {
        return new RegistryException(ErrorCode.SUBJECT_NOT_FOUND, String.format("Subject '%s' not found.", subject));
    }

    public static RegistryException versionNotFound(int version) {
        return new RegistryException(ErrorCode.VERSION_NOT_FOUND, String.format("Version %d not found.", version));
    }

    public static RegistryException schemaNotFound() {
        return new RegistryException(ErrorCode.SCHEMA_NOT_FOUND, "Schema not found");
    }

    public static RegistryException schemaNotFound(int id) {
        return new RegistryException(ErrorCode.SCHEMA_NOT_FOUND, String.format("Schema %d not found", id));
    }

    public static RegistryException subjectSoftDeleted(String subject) {
        return new RegistryException(ErrorCode.SUBJECT_SOFT_DELETED, String.format(
                "Subject '%s' was soft deleted.Set permanent=true to delete permanently", subject));
    }

    public static RegistryException subjectNotSoftDeleted(String subject) {
        return new RegistryException(ErrorCode.SUBJECT_NOT_SOFT_DELETED, String.format(
                "Subject '%s' was not deleted first before being permanently deleted", subject));
    }

    public static RegistryException schemaVersionSoftDeleted(String subject, String version) {
        return new RegistryException(ErrorCode.SCHEMA_VERSION_SOFT_DELETED, String.format(
                "Subject '%s' Version %s was soft deleted.Set permanent=true to delete permanently", subject, version));
    }

    public static RegistryException schemaVersionNotSoftDeleted(String subject, String version) {
        return new RegistryException(ErrorCode.SCHEMA_VERSION_NOT_SOFT_DELETED, String.format(
                "Subject '%s' Version %s was not deleted first before being permanently deleted", subject, version));
    }

    public static RegistryException subjectCompatibilityNotConfigured(String subject) {
        return new RegistryException(ErrorCode.SUBJECT_COMPATIBILITY_NOT_CONFIGURED, String.format(
                "Subject '%s' does not have subject-level compatibility configured", subject));
    }

    public static RegistryException subjectModeNotConfigured(String subject) {
        return new RegistryException(ErrorCode.SUBJECT_MODE_NOT_CONFIGURED, String.format(
                "Subject '%s' does not have subject-level mode configured", subject));
    }

    public static RegistryException incompatibleSchema(String subject, Object details) {
        return new RegistryException(ErrorCode.INCOMPATIBLE_SCHEMA,
                "Schema being registered is incompatible with an earlier schema for subject \""
                        + subject + "\", details: " + details);
    }

    public static RegistryException invalidSchema(String message) {
        return new RegistryException(ErrorCode.INVALID_SCHEMA, message);
    }

    public static RegistryException invalidSchema(String message, Throwable cause) {
        return new RegistryException(ErrorCode.INVALID_SCHEMA, message, cause);
    }

    public static RegistryException invalidVersion(String version) {
        return new RegistryException(ErrorCode.INVALID_VERSION, String.format(
                "The specified version '%s' is not a valid version id. "
                        + "Allowed values are between [1, 2^31-1] and the string \"latest\"", version));
    }

    public static RegistryException invalidCompatibilityLevel() {
        return new RegistryException(ErrorCode.INVALID_COMPATIBILITY_LEVEL,
                "Invalid compatibility level. Valid values are none, backward, forward, full, "
                        + "backward_transitive, forward_transitive, and full_transitive");
    }

    public static RegistryException invalidMode(String mode) {
        return new RegistryException(ErrorCode.INVALID_MODE, "Invalid mode " + mode
                + ". Valid values are READWRITE and READONLY (IMPORT is not supported by this registry)");
    }

    public static RegistryException operationNotPermitted(String message) {
        return new RegistryException(ErrorCode.OPERATION_NOT_PERMITTED, message);
    }

    public static RegistryException referenceExists(String subject, int version) {
        return new RegistryException(ErrorCode.REFERENCE_EXISTS, String.format(
                "One or more references exist to the schema {subject=%s,version=%d}", subject, version));
    }

    public static RegistryException invalidSubject(String subject) {
        return new RegistryException(ErrorCode.INVALID_SUBJECT,
                String.format("The specified subject '%s' is not a valid.", subject));
    }

    public static RegistryException storeError(String message, Throwable cause) {
        return new RegistryException(ErrorCode.STORE_ERROR, message, cause);
    }

    public static RegistryException operationTimeout(String message, Throwable cause) {
        return new RegistryException(ErrorCode.OPERATION_TIMEOUT, message, cause);
    }

    public static RegistryException badRequest(String message) {
        return new RegistryException(ErrorCode.BAD_REQUEST, message);
    }

    public static RegistryException unprocessable(String message) {
        return new RegistryException(ErrorCode.UNPROCESSABLE_ENTITY, message);
    }
}
