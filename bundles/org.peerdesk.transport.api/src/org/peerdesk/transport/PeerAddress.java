package org.peerdesk.transport;

import org.peerdesk.core.InvalidInputException;

/** Where a peer can be reached: a host name or IP address, and a TCP port. */
public record PeerAddress(String host, int port) {

    private static final int MAX_HOST_LENGTH = 253;

    public PeerAddress {
        if (host == null || host.isBlank() || host.length() > MAX_HOST_LENGTH || host.chars().anyMatch(c -> c <= ' ')) {
            throw new IllegalArgumentException("Not a host name or address: " + host);
        }
        if (port < 1 || port > 65_535) {
            throw new IllegalArgumentException("Ports run from 1 to 65535, not " + port);
        }
    }

    /** Reads {@code host:port}, or {@code [v6-address]:port}, as a person types it. */
    public static PeerAddress parse(String text) throws InvalidInputException {
        String value = text == null ? "" : text.strip();
        int colon = value.lastIndexOf(':');
        if (colon <= 0 || colon == value.length() - 1) {
            throw new InvalidInputException("'" + value + "' is not an address: write host:port, such as 192.168.1.20:22070.");
        }
        String host = value.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        } else if (host.contains(":")) {
            throw new InvalidInputException("Write an IPv6 address in brackets, such as [::1]:22070.");
        }
        int port;
        try {
            port = Integer.parseInt(value.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new InvalidInputException("'" + value.substring(colon + 1) + "' is not a port number.");
        }
        try {
            return new PeerAddress(host, port);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(e.getMessage() + ".");
        }
    }

    @Override
    public String toString() {
        return host.contains(":") ? "[" + host + "]:" + port : host + ":" + port;
    }
}
