package org.peerdesk.backup.core;

import java.util.List;

/**
 * A file, folder or symbolic link as a snapshot keeps it: its path ({@code /} between names, the
 * set's folder name first), POSIX mode, modification time in nanoseconds, size, and the chunks of
 * its content in order (or the link's target).
 */
record TreeEntry(String path, Type type, int mode, long modifiedNanos, long size, List<BlobId> chunks, String linkTarget) {

    enum Type {
        FILE, FOLDER, LINK
    }

    TreeEntry {
        chunks = List.copyOf(chunks);
    }

    static TreeEntry folder(String path, int mode, long modifiedNanos) {
        return new TreeEntry(path, Type.FOLDER, mode, modifiedNanos, 0, List.of(), "");
    }

    /** Whether content, mode and time are all the same (what a diff calls unchanged). */
    boolean sameAs(TreeEntry other) {
        return type == other.type && mode == other.mode && modifiedNanos == other.modifiedNanos && size == other.size
                && chunks.equals(other.chunks) && linkTarget.equals(other.linkTarget);
    }
}
