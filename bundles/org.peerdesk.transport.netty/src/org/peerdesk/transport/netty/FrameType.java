package org.peerdesk.transport.netty;

/** The kinds of frame on the wire; the code is the frame's first byte. */
enum FrameType {
    /** First frame each way, stream 0: version, capabilities, listening port, display name. */
    HELLO(1),
    /** Opens a stream: the protocol ID. */
    OPEN(2),
    /** The stream is open: the receiver's handler has it. */
    ACCEPT(3),
    /** The stream is refused: a code and a reason. */
    REFUSE(4),
    /** Bytes of a stream. */
    DATA(5),
    /** The sender may send this many more bytes on the stream, or on the connection when the stream is 0. */
    WINDOW(6),
    /** The sender will send no more data on the stream. */
    FIN(7),
    /** The stream is aborted both ways. */
    RESET(8),
    /** Keepalive probe, stream 0; answered by {@link #PONG}. */
    PING(9),
    PONG(10),
    /** The sender is closing the connection: a reason. */
    GOAWAY(11),
    /** The sender's name changed, stream 0: the new name. Sent only to peers whose Hello says they take it. */
    NAME(12),
    /**
     * Stream 0, instead of a Hello or at any time after it: the sender saw the receiver's identity on a newer machine than
     * the receiver's ({@code MachineSuccession}), whose number follows, and closes the connection.
     */
    SUPERSEDED(13),
    /**
     * Stream 0: the sender met the receiver's identity on two machines running at once ({@code MachineRun}) and kept the
     * one it was connected to first. Instead of a Hello to the one it refuses, which closes the connection; after the
     * Hello to the one it keeps, when that one's Hello says it takes them. See {@link Twin}.
     */
    TWIN(14);

    private static final FrameType[] BY_CODE = new FrameType[16];

    static {
        for (FrameType type : values()) {
            BY_CODE[type.code] = type;
        }
    }

    final int code;

    FrameType(int code) {
        this.code = code;
    }

    /** The type with this code, or null for a code this version does not know. */
    static FrameType of(int code) {
        return code >= 0 && code < BY_CODE.length ? BY_CODE[code] : null;
    }
}
