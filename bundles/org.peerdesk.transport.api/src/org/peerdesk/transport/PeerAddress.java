package org.peerdesk.transport;

import java.util.Arrays;
import java.util.Locale;

import org.peerdesk.core.InvalidInputException;

/** Where a peer can be reached: a host name or IP address, and a TCP port. */
public record PeerAddress(String host, int port) {

    private static final int MAX_HOST_LENGTH = 253;
    private static final int IPV6_GROUPS = 8;

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

    /**
     * As {@link #toString()}, for people (and the admin API's answers) to read: an IPv6 address in its
     * short form ({@code [fd00::2]:22070}, RFC 5952).
     */
    public String shown() {
        return host.contains(":") ? "[" + shortIpv6(host) + "]:" + port : toString();
    }

    /** Eight groups of hex digits without leading zeros, the longest run of two or more zero groups as "::"; anything else as it is. */
    private static String shortIpv6(String address) {
        String[] groups = address.toLowerCase(Locale.ROOT).split(":", -1);
        if (groups.length != IPV6_GROUPS || Arrays.stream(groups).anyMatch(group -> !group.matches("[0-9a-f]{1,4}"))) {
            return address;
        }
        int bestStart = -1;
        int bestLength = 1;
        for (int start = 0; start < groups.length; start++) {
            groups[start] = Integer.toHexString(Integer.parseInt(groups[start], 16));
        }
        for (int start = 0; start < groups.length; start++) {
            int length = 0;
            while (start + length < groups.length && groups[start + length].equals("0")) {
                length++;
            }
            if (length > bestLength) {
                bestStart = start;
                bestLength = length;
            }
        }
        if (bestStart < 0) {
            return String.join(":", groups);
        }
        return String.join(":", Arrays.copyOfRange(groups, 0, bestStart)) + "::"
                + String.join(":", Arrays.copyOfRange(groups, bestStart + bestLength, groups.length));
    }
}
