package org.peerdesk.files.core;

import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.BitSet;

import org.peerdesk.core.IgnoreRules;
import org.peerdesk.core.InvalidInputException;
import org.peerdesk.core.IoMessages;
import org.peerdesk.core.PeerId;
import org.peerdesk.files.FilesException;
import org.peerdesk.permissions.AccessDeniedException;
import org.peerdesk.permissions.PermissionService;
import org.peerdesk.permissions.Resource;
import org.peerdesk.permissions.Right;
import org.peerdesk.transport.Stream;
import org.peerdesk.transport.spi.StreamLease;

/**
 * Serves {@value WriteWire#PROTOCOL}: takes files from peers with write on the exact path. A file is put
 * together in a part file from verified blocks only (reusing what a cut-short earlier attempt or the
 * old version left), then renamed into place, the version it replaces moved to the share's trash.
 * Blocks that do not match, a full disk or a lost grant leave the target as it was; the part file stays
 * for the next attempt.
 */
final class ShareWriter {

    /** Told what changed: a share's folder after a file arrived, or a peer's share of the same name. */
    interface Listener {
        void placed(String shareId);

        void peerChanged(PeerId peer, String share);
    }

    private final ShareRegistry shares;
    private final PermissionService permissions;
    private final Clock clock;
    private final Listener listener;

    ShareWriter(ShareRegistry shares, PermissionService permissions, Clock clock, Listener listener) {
        this.shares = shares;
        this.permissions = permissions;
        this.clock = clock;
        this.listener = listener;
    }

    void serve(Stream stream) throws IOException {
        DataInputStream in = new DataInputStream(stream.input());
        DataOutputStream out = new DataOutputStream(new BufferedOutputStream(stream.output(), 8192));
        int op;
        while ((op = in.read()) >= 0) {
            String share = in.readUTF();
            try {
                switch ((byte) op) {
                    case WriteWire.PUT -> put(stream, share, FilesWire.readManifest(in), in, out);
                    case WriteWire.NOTIFY -> notified(stream.peer(), share, out);
                    default -> throw new InvalidInputException("Unknown request " + op + ".");
                }
            } catch (InvalidInputException e) {
                FilesWire.writeError(out, "Malformed request: " + e.getMessage());
                return; // the rest of the stream cannot be trusted to line up
            }
        }
    }

    private void notified(PeerId peer, String share, DataOutputStream out) throws IOException {
        listener.peerChanged(peer, share);
        out.writeByte(FilesWire.OK);
        out.flush();
    }

    private void put(Stream stream, String share, Manifest manifest, DataInputStream in, DataOutputStream out)
            throws IOException, InvalidInputException {
        String path = manifest.entry().path();
        ShareRegistry.ShareRoot root;
        StreamLease lease;
        try {
            root = shares.root(share).orElseThrow(() -> new FilesException("There is no share called '" + share + "' here."));
            if (IgnoreRules.in(root.folder()).leavesOut(path, false)) {
                throw new FilesException("'" + path + "' is ignored in '" + share + "'; it cannot be written there.");
            }
            lease = permissions.hold(stream.peer(), Resource.parse(share + "/" + path), Right.WRITE);
        } catch (AccessDeniedException e) {
            FilesWire.writeNotGranted(out, "write on " + share + "/" + path);
            return;
        } catch (FilesException e) {
            FilesWire.writeError(out, e.getMessage());
            return;
        }
        try {
            lease.attach(stream::reset);
            receive(root, manifest, in, out);
        } finally {
            lease.release();
        }
    }

    private void receive(ShareRegistry.ShareRoot root, Manifest manifest, DataInputStream in, DataOutputStream out) throws IOException {
        String path = manifest.entry().path();
        PartFile part;
        boolean inPlace;
        BitSet need = new BitSet();
        try {
            part = new PartFile(manifest, SharePaths.resolve(root.folder(), path));
        } catch (InvalidInputException e) {
            FilesWire.writeError(out, e.getMessage());
            return;
        }
        try (part) {
            try {
                inPlace = part.targetComplete();
                if (!inPlace) {
                    need.set(0, manifest.blocks());
                    need.andNot(part.reuse());
                }
            } catch (IOException e) {
                FilesWire.writeError(out, problem(root, path, e));
                return;
            }
            byte[] needed = need.toByteArray();
            out.writeByte(FilesWire.OK);
            out.writeInt(needed.length);
            out.write(needed);
            out.flush();
            String problem = take(part, manifest, need, in);
            if (problem == null && !inPlace) {
                try {
                    part.finish(new PartFile.Placement(PartFile.Seed.NONE, old -> new Trash(root.folder(), clock).keep(old, path),
                            PartFile.FolderSync.NOW));
                } catch (IOException e) {
                    problem = problem(root, path, e);
                }
            }
            if (problem != null) {
                FilesWire.writeError(out, problem);
                return;
            }
            out.writeByte(FilesWire.OK);
            out.flush();
            listener.placed(root.id());
        }
    }

    /** Reads every needed block; writes those that match. Returns what went wrong, or null. */
    private String take(PartFile part, Manifest manifest, BitSet need, DataInputStream in) throws IOException {
        byte[] block = new byte[manifest.blockSize()];
        MessageDigest digest = BlockHasher.sha256();
        String problem = null;
        for (int i = need.nextSetBit(0); i >= 0; i = need.nextSetBit(i + 1)) {
            in.readFully(block, 0, manifest.length(i));
            if (problem != null) {
                continue; // read to the end, so the stream stays in step for the next file
            }
            digest.update(block, 0, manifest.length(i));
            if (!manifest.matches(i, digest.digest())) {
                problem = "Block " + i + " of '" + manifest.entry().path() + "' did not match its hash (the file changed while"
                        + " being sent?); nothing was written into place.";
                continue;
            }
            try {
                part.write(i, block);
            } catch (IOException e) {
                problem = PartFile.diskFull(e) ? "The receiving disk is full; what arrived of '" + manifest.entry().path()
                        + "' is kept there and the upload resumes from it." : "Could not write '" + manifest.entry().path() + "': " + IoMessages.of(e);
            }
        }
        return problem;
    }

    private static String problem(ShareRegistry.ShareRoot root, String path, IOException e) {
        return PartFile.diskFull(e) ? "The receiving disk is full; '" + path + "' was not written."
                : "Could not write '" + path + "' into '" + root.name() + "': " + e.getMessage();
    }
}
