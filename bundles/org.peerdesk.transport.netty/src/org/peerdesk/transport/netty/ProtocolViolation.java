package org.peerdesk.transport.netty;

/** The peer broke the wire protocol; the connection is closed with this message as the reason. */
final class ProtocolViolation extends RuntimeException {

    private static final long serialVersionUID = 1L;

    ProtocolViolation(String message) {
        super(message);
    }
}
