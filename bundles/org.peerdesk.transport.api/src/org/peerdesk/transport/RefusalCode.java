package org.peerdesk.transport;

import java.util.Arrays;

/** Why a peer refused to open a stream; sent on the wire as the code. */
public enum RefusalCode {
    UNKNOWN_PROTOCOL(1, "the peer does not speak this protocol"),
    NOT_AUTHORIZED(2, "the peer has not given this node access"),
    TOO_MANY_STREAMS(3, "the peer has too many streams open with this node"),
    SHUTTING_DOWN(4, "the peer is shutting down"),
    PROTOCOL_ERROR(5, "the request was malformed");

    private final int code;
    private final String meaning;

    RefusalCode(int code, String meaning) {
        this.code = code;
        this.meaning = meaning;
    }

    public int code() {
        return code;
    }

    public String meaning() {
        return meaning;
    }

    /** The refusal with this code; unknown codes (from a newer peer) read as a protocol error. */
    public static RefusalCode of(int code) {
        return Arrays.stream(values()).filter(value -> value.code == code).findFirst().orElse(PROTOCOL_ERROR);
    }
}
