package org.peerdesk.transport;

/** The peer refused to open a stream; {@link #code()} says why. */
public class StreamRefusedException extends TransportException {

    private static final long serialVersionUID = 1L;

    private final RefusalCode code;

    public StreamRefusedException(ProtocolId protocol, RefusalCode code, String detail) {
        super("The peer refused a " + protocol + " stream: " + code.meaning()
                + (detail == null || detail.isBlank() ? "." : " (" + detail + ")."));
        this.code = code;
    }

    public RefusalCode code() {
        return code;
    }

    /** Whether {@code error}, or what caused it, is a peer's refusal because it has not given this node access. */
    public static boolean forLackOfAccess(Throwable error) {
        return refusedBecause(error, RefusalCode.NOT_AUTHORIZED);
    }

    /** Whether {@code error}, or what caused it, is a peer's refusal for the reason {@code code} names. */
    public static boolean refusedBecause(Throwable error, RefusalCode code) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof StreamRefusedException refusal) {
                return refusal.code == code;
            }
        }
        return false;
    }
}
