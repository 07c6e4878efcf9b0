package org.peerdesk.transport;

import java.util.regex.Pattern;

/**
 * Names the protocol a stream speaks, with its version last: {@code /peerdesk/files/1}, or for a
 * plugin {@code /example.org/whiteboard/2}. Lower-case words separated by slashes, at most 128
 * characters.
 */
public record ProtocolId(String value) {

    public static final int MAX_LENGTH = 128;
    private static final Pattern FORM = Pattern.compile("(/[a-z0-9][a-z0-9._-]*)+/[0-9]+");

    public ProtocolId {
        if (value == null || value.length() > MAX_LENGTH || !FORM.matcher(value).matches()) {
            throw new IllegalArgumentException("Not a protocol ID (like /peerdesk/files/1): " + value);
        }
    }

    public static ProtocolId of(String value) {
        return new ProtocolId(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
