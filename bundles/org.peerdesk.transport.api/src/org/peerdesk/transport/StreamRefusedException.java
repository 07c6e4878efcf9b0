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
}
