package io.dataconnector.camel.simulator;

/** An error answered with the API's JSON error body. */
final class ApiError extends RuntimeException {

    final int status;
    final String code;

    ApiError(int status, String message, String code) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
    }

    static ApiError badRequest(String message) {
        return new ApiError(400, message, "BAD_REQUEST");
    }

    static ApiError notFound() {
        return new ApiError(404, "The requested resource does not exist.", "NOT_FOUND");
    }

    /** The value, or a 404 when it is null. */
    static <T> T orNotFound(T value) {
        if (value == null) {
            throw notFound();
        }
        return value;
    }
}
