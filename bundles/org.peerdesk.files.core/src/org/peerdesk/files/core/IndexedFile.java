package org.peerdesk.files.core;

/** What the scanner compares to decide whether a file changed: size, time, mode and the file's identity on disk. */
record IndexedFile(boolean directory, long size, long modifiedNanos, int mode, String fileKey) {
}
