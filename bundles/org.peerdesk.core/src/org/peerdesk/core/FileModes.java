package org.peerdesk.core;

import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.Set;

/** POSIX permission bits as a number ({@code 0640}) and back, as indexes and snapshots keep them. */
public final class FileModes {

    private FileModes() {
    }

    /** The mode bits of a set of permissions: owner read is {@code 0400}, others execute {@code 0001}. */
    public static int of(Set<PosixFilePermission> permissions) {
        int mode = 0;
        for (PosixFilePermission permission : permissions) {
            mode |= bit(permission);
        }
        return mode;
    }

    /** The permissions whose bits are set in {@code mode}; bits above {@code 0777} are ignored. */
    public static Set<PosixFilePermission> permissions(int mode) {
        Set<PosixFilePermission> permissions = EnumSet.noneOf(PosixFilePermission.class);
        for (PosixFilePermission permission : PosixFilePermission.values()) {
            if ((mode & bit(permission)) != 0) {
                permissions.add(permission);
            }
        }
        return permissions;
    }

    /** {@link PosixFilePermission} lists owner read first and others execute last, as the bits go. */
    private static int bit(PosixFilePermission permission) {
        return 1 << (8 - permission.ordinal());
    }
}
