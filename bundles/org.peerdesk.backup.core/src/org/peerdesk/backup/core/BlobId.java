package org.peerdesk.backup.core;

import java.util.Arrays;
import java.util.HexFormat;

/** The 32-byte name of a blob at the holders: a chunk's keyed hash, or a snapshot record's random ID. */
record BlobId(byte[] bytes) implements Comparable<BlobId> {

    BlobId {
        if (bytes.length != VaultKeys.ID_BYTES) {
            throw new IllegalArgumentException("a blob ID has " + VaultKeys.ID_BYTES + " bytes, not " + bytes.length);
        }
        bytes = bytes.clone();
    }

    @Override
    public byte[] bytes() {
        return bytes.clone();
    }

    String hex() {
        return HexFormat.of().formatHex(bytes);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof BlobId id && Arrays.equals(bytes, id.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public int compareTo(BlobId other) {
        return Arrays.compareUnsigned(bytes, other.bytes);
    }

    @Override
    public String toString() {
        return hex().substring(0, 12);
    }
}
