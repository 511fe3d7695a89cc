package io.ferstream.registry.api;

/**
 * Plain HTTP failures that Confluent's stack (Jersey) produces before any resource runs: unknown path,
 * wrong method, unsupported media type. Rendered as {@code {"error_code": status, "message": "HTTP ..."}}.
 */
final class HttpStatusException extends RuntimeException {
    private final int status;

    HttpStatusException(int status) {
        super("HTTP " + status + " " + reason(status));
        this.status = status;
    }

    int status() {
        return status;
    }

    static String reason(int status) {
        switch (status) {
            case 400: return "Bad Request";
            case 404: return "Not Found";
            case 405: return "Method Not Allowed";
            case 406: return "Not Acceptable";
            case 415: return "Unsupported Media Type";
            case 422: return "Unprocessable Entity";
            default: return "Internal Server Error";
        }
    }
}
