package io.ferstream.registry.core;

/**
 * Every error the registry can answer with: the HTTP status and Confluent's numeric {@code error_code}.
 * The numbers are Confluent's ({@code io.confluent.kafka.schemaregistry.rest.exceptions.Errors}), because
 * clients (our serde, Confluent's own client, tooling) branch on them.
 */
public enum ErrorCode {
    SUBJECT_NOT_FOUND(404, 40401),
    VERSION_NOT_FOUND(404, 40402),
    SCHEMA_NOT_FOUND(404, 40403),
    SUBJECT_SOFT_DELETED(404, 40404),
    SUBJECT_NOT_SOFT_DELETED(404, 40405),
    SCHEMA_VERSION_SOFT_DELETED(404, 40406),
    SCHEMA_VERSION_NOT_SOFT_DELETED(404, 40407),
    SUBJECT_COMPATIBILITY_NOT_CONFIGURED(404, 40408),
    SUBJECT_MODE_NOT_CONFIGURED(404, 40409),
    /**
     * Confluent Platform up to 7.x answers an incompatible registration with error_code 409; newer
     * releases use 40901. Both use HTTP 409, which is what clients should test.
     */
    INCOMPATIBLE_SCHEMA(409, 409),
    INVALID_SCHEMA(422, 42201),
    INVALID_VERSION(422, 42202),
    INVALID_COMPATIBILITY_LEVEL(422, 42203),
    INVALID_MODE(422, 42204),
    OPERATION_NOT_PERMITTED(422, 42205),
    REFERENCE_EXISTS(422, 42206),
    INVALID_SUBJECT(422, 42208),
    STORE_ERROR(500, 50001),
    OPERATION_TIMEOUT(500, 50002),
    // Plain HTTP errors: Confluent's rest-utils reports these with error_code == HTTP status.
    BAD_REQUEST(400, 400),
    NOT_FOUND(404, 404),
    METHOD_NOT_ALLOWED(405, 405),
    NOT_ACCEPTABLE(406, 406),
    UNSUPPORTED_MEDIA_TYPE(415, 415),
    UNPROCESSABLE_ENTITY(422, 422),
    INTERNAL_SERVER_ERROR(500, 500);

    private final int httpStatus;
    private final int errorCode;

    ErrorCode(int httpStatus, int errorCode) {
        this.httpStatus = httpStatus;
        this.errorCode = errorCode;
    }

    public int httpStatus() {
        return httpStatus;
    }

    public int errorCode() {
        return errorCode;
    }
}
