package org.peerdesk.files.core;

/**
 * The {@value #PROTOCOL} protocol, for peers that hold write on a share. Requests go one after another
 * on one stream, each answered with a status byte and, on an error, a message:
 * <pre>
 * PUT share manifest      -> OK, int n, n bytes: a bit set of the blocks the receiver still needs
 *   (the asker sends exactly those blocks, in order) -> OK once the file is in place
 * NOTIFY share            -> OK (the asker's share of that name changed: a sync pair looks again)
 * </pre>
 * A PUT's blocks are verified against the manifest before anything is written into place; whatever
 * the new file replaces goes to the share's trash.
 */
final class WriteWire {

    static final String PROTOCOL = "/peerdesk/files-write/1";
    static final byte PUT = 1;
    static final byte NOTIFY = 2;

    private WriteWire() {
    }
}
