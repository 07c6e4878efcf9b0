package org.peerdesk.node.api;

/** A request the API answers with an error status and a message for the user. */
final class ApiError extends Exception {

    private static final long serialVersionUID = 1L;

    private final int status;

    ApiError(int status, String message) {
        super(message);
        this.status = status;
    }

    int status() {
        return status;
    }

    static ApiError badRequest(String message) {
        return new ApiError(400, message);
    }
}
