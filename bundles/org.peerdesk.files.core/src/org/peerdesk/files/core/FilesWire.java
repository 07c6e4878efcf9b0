package org.peerdesk.files.core;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.peerdesk.core.InvalidInputException;
import org.peerdesk.files.FileEntry;
import org.peerdesk.files.RemoteMatches;

/**
 * The {@value #PROTOCOL} protocol. The asker sends requests one after another on one stream; each
 * gets a status byte, then either an error message or the answer:
 * <pre>
 * SHARES                                   -> int n, n names
 * LIST share path after limit              -> int n, n entries (name, folder?, size, mtime ns, mode), more?
 * MANIFESTS share path after limit         -> int n, n (path, size, mtime ns, mode, block size, hashes), more?
 * BLOCKS share path blockSize first count  -> per block: status, then its bytes
 * CHANGES share since limit                -> index ID, last sequence, int n, n (sequence, file?, manifest or path), more?
 * BASES share int n, n paths               -> int n, n (path, version) for the paths that have one
 * FIND text limit                          -> int n, n (share, path, folder?, size, mtime ns, mode), more?
 * </pre>
 * FIND looks through every share the asker may read, as far as its grants reach, for files and folders
 * whose names hold every word of the text.
 * CHANGES lists the share's index rows written after sequence {@code since}, in the order they were
 * written: a file as its manifest, anything else (a removal, a folder) as its path alone. From 0 it
 * lists the live files only. The last sequence is read with the rows (the {@code since} asked for
 * where there are none): every row up to it is in this answer or the pages after it. The index ID changes when the share is removed and added again, which
 * starts its sequence numbers anew.
 * BASES asks for the versions of the given paths that the answering node last agreed on with the asker
 * in a two-way sync of the share (its bases; see {@link SyncPlan}), so that a side that never saw the
 * other take a version can tell a deletion or change of that version from a file the other never had.
 * Every field that comes in is checked against the limits here before it is used.
 */
final class FilesWire {

    static final String PROTOCOL = "/peerdesk/files/1";
    static final byte SHARES = 1;
    static final byte LIST = 2;
    static final byte MANIFESTS = 3;
    static final byte BLOCKS = 4;
    static final byte CHANGES = 5;
    static final byte BASES = 6;
    static final byte FIND = 7;

    static final byte OK = 0;
    static final byte ERROR = 1;
    /** The file changed on disk while being served: ask for its manifest again. */
    static final byte CHANGED = 2;

    /** What a change of a CHANGES answer is. A node of an earlier version reads the last two alike, as a file. */
    static final byte CHANGE_REMOVED = 0;
    static final byte CHANGE_FILE = 1;
    static final byte CHANGE_LEFT_OUT = 2;

    static final int MAX_PAGE = 1000;
    static final int MAX_MANIFEST_PAGE = 200;
    static final int MAX_RANGE_BYTES = 64 * 1024 * 1024;
    static final int MAX_MESSAGE = 2000;

    /** A request as it came in, checked; {@code paths} only for BASES, {@code words} only for FIND. */
    record Request(byte op, String share, String path, String after, int limit, int blockSize, int first, int count, long since,
            List<String> paths, List<String> words) {

        Request {
            paths = List.copyOf(paths);
            words = List.copyOf(words);
        }

        Request(byte op, String share, String path, String after, int limit, int blockSize, int first, int count, long since) {
            this(op, share, path, after, limit, blockSize, first, count, since, List.of(), List.of());
        }

        static Request bases(String share, List<String> paths) {
            return new Request(BASES, share, "", "", paths.size(), 0, 0, 0, 0, paths, List.of());
        }

        static Request find(List<String> words, int limit) {
            return new Request(FIND, "", "", "", limit, 0, 0, 0, 0, List.of(), words);
        }
    }

    /**
     * An index row written at {@code sequence}: the file now at {@code path}, or null where there is none.
     * {@code leftOut}: the owner's ignore rules came to leave the file out after it was indexed. It is
     * not served, but it is there: a peer in sync neither asks for it nor takes it for deleted.
     */
    record IndexChange(long sequence, String path, Manifest file, boolean leftOut) {

        IndexChange(long sequence, String path, Manifest file) {
            this(sequence, path, file, false);
        }

        IndexChange leftOutIf(boolean leftOutNow) {
            return leftOutNow && file != null ? new IndexChange(sequence, path, file, true) : this;
        }
    }

    private FilesWire() {
    }

    /** Writes a request and sends it. */
    static void writeRequest(DataOutputStream out, Request request) throws IOException {
        encodeRequest(out, request);
        out.flush();
    }

    /** Writes a request to go out with the next flush. */
    static void encodeRequest(DataOutputStream out, Request request) throws IOException {
        out.writeByte(request.op());
        switch (request.op()) {
            case SHARES -> {
            }
            case LIST, MANIFESTS -> {
                out.writeUTF(request.share());
                out.writeUTF(request.path());
                out.writeUTF(request.after());
                out.writeInt(request.limit());
            }
            case BLOCKS -> {
                out.writeUTF(request.share());
                out.writeUTF(request.path());
                out.writeInt(request.blockSize());
                out.writeInt(request.first());
                out.writeInt(request.count());
            }
            case CHANGES -> {
                out.writeUTF(request.share());
                out.writeLong(request.since());
                out.writeInt(request.limit());
            }
            case BASES -> {
                out.writeUTF(request.share());
                out.writeInt(request.paths().size());
                for (String path : request.paths()) {
                    out.writeUTF(path);
                }
            }
            case FIND -> {
                out.writeUTF(String.join(" ", request.words()));
                out.writeInt(request.limit());
            }
            default -> throw new IllegalArgumentException("op " + request.op());
        }
    }

    /** The next request, or null when the asker closed its side. */
    static Request readRequest(DataInputStream in) throws IOException, InvalidInputException {
        int op = in.read();
        if (op < 0) {
            return null;
        }
        return switch ((byte) op) {
            case SHARES -> new Request(SHARES, "", "", "", 0, 0, 0, 0, 0);
            case LIST, MANIFESTS -> {
                String share = in.readUTF();
                String path = SharePaths.normalize(in.readUTF());
                String after = in.readUTF();
                int limit = in.readInt();
                int max = op == LIST ? MAX_PAGE : MAX_MANIFEST_PAGE;
                if (limit < 1 || limit > max) {
                    throw new InvalidInputException("A page holds 1 to " + max + " entries, not " + limit + ".");
                }
                yield new Request((byte) op, share, path, after, limit, 0, 0, 0, 0);
            }
            case BLOCKS -> {
                String share = in.readUTF();
                String path = SharePaths.normalize(in.readUTF());
                int blockSize = in.readInt();
                int first = in.readInt();
                int count = in.readInt();
                if (blockSize < Manifest.MIN_BLOCK || blockSize > Manifest.MAX_BLOCK || Integer.bitCount(blockSize) != 1
                        || first < 0 || count < 1 || (long) count * blockSize > MAX_RANGE_BYTES) {
                    throw new InvalidInputException("Block range out of bounds: " + count + " blocks of " + blockSize + " from " + first + ".");
                }
                yield new Request(BLOCKS, share, path, "", 0, blockSize, first, count, 0);
            }
            case CHANGES -> {
                String share = in.readUTF();
                long since = in.readLong();
                int limit = in.readInt();
                if (since < 0 || limit < 1 || limit > MAX_MANIFEST_PAGE) {
                    throw new InvalidInputException("Changes after " + since + ", " + limit + " at a time, cannot be listed.");
                }
                yield new Request(CHANGES, share, "", "", limit, 0, 0, 0, since);
            }
            case BASES -> {
                String share = in.readUTF();
                int count = in.readInt();
                if (count < 1 || count > MAX_PAGE) {
                    throw new InvalidInputException("Bases are asked for 1 to " + MAX_PAGE + " paths at a time, not " + count + ".");
                }
                List<String> paths = new ArrayList<>(count);
                for (int i = 0; i < count; i++) {
                    paths.add(SharePaths.normalize(in.readUTF()));
                }
                yield Request.bases(share, paths);
            }
            case FIND -> {
                List<String> words = SearchWords.of(in.readUTF());
                int limit = in.readInt();
                if (limit < 1 || limit > MAX_PAGE) {
                    throw new InvalidInputException("A search finds 1 to " + MAX_PAGE + " entries at a time, not " + limit + ".");
                }
                yield Request.find(words, limit);
            }
            default -> throw new InvalidInputException("Unknown request " + op + ".");
        };
    }

    /** The error a node answers CHANGES with while the user paused the share's sync with the asker: nothing goes out either. */
    static final String SYNC_PAUSED = "This sync is paused here.";

    static void writeError(DataOutputStream out, String message) throws IOException {
        out.writeByte(ERROR);
        out.writeUTF(message.length() > MAX_MESSAGE ? message.substring(0, MAX_MESSAGE) : message);
        out.flush();
    }

    /** Reads the status byte; throws the peer's error message as a {@link RemoteError}. */
    static byte readStatus(DataInputStream in) throws IOException {
        byte status = in.readByte();
        if (status == ERROR) {
            throw new RemoteError(in.readUTF());
        }
        if (status != OK && status != CHANGED) {
            throw new IOException("The peer answered with an unknown status " + status + ".");
        }
        return status;
    }

    /** How an error answer starts when the asker lacks the grant: what it asked for is then for the owner to give. */
    static final String NOT_GRANTED = "Not granted: ";

    static void writeNotGranted(DataOutputStream out, String what) throws IOException {
        writeError(out, NOT_GRANTED + what + ".");
    }

    /** The peer refused or could not answer a request; the stream stays usable. */
    static final class RemoteError extends IOException {
        private static final long serialVersionUID = 1L;

        RemoteError(String message) {
            super(message);
        }

        /** Whether the peer refused for want of a grant, not because of what was asked. */
        boolean notGranted() {
            return getMessage().startsWith(NOT_GRANTED);
        }
    }

    static void writeEntry(DataOutputStream out, FileEntry entry) throws IOException {
        out.writeUTF(entry.name());
        out.writeBoolean(entry.directory());
        out.writeLong(entry.size());
        out.writeLong(nanos(entry.modified()));
        out.writeInt(entry.mode());
    }

    static FileEntry readEntry(DataInputStream in, String folder) throws IOException, InvalidInputException {
        String name = in.readUTF();
        SharePaths.checkName(name, name);
        boolean directory = in.readBoolean();
        long size = nonNegative(in.readLong());
        Instant modified = instant(in.readLong());
        int mode = in.readInt() & 07777;
        return new FileEntry(SharePaths.child(folder, name), directory, size, modified, mode);
    }

    /** A search's match: its share, the folder it is in, and the entry as a listing gives it. */
    static void writeMatch(DataOutputStream out, RemoteMatches.Match match) throws IOException {
        out.writeUTF(match.share());
        out.writeUTF(SharePaths.parent(match.entry().path()));
        writeEntry(out, match.entry());
    }

    static RemoteMatches.Match readMatch(DataInputStream in) throws IOException, InvalidInputException {
        String share = in.readUTF();
        SharePaths.checkName(share, share);
        String folder = SharePaths.normalize(in.readUTF());
        return new RemoteMatches.Match(share, readEntry(in, folder));
    }

    static void writeManifest(DataOutputStream out, Manifest manifest) throws IOException {
        FileEntry entry = manifest.entry();
        out.writeUTF(entry.path());
        out.writeLong(entry.size());
        out.writeLong(nanos(entry.modified()));
        out.writeInt(entry.mode());
        out.writeInt(manifest.blockSize());
        out.writeInt(manifest.hashes().length);
        out.write(manifest.hashes());
    }

    static void writeChange(DataOutputStream out, IndexChange change) throws IOException {
        out.writeLong(change.sequence());
        out.writeByte(change.file() == null ? CHANGE_REMOVED : change.leftOut() ? CHANGE_LEFT_OUT : CHANGE_FILE);
        if (change.file() != null) {
            writeManifest(out, change.file());
        } else {
            out.writeUTF(change.path());
        }
    }

    static IndexChange readChange(DataInputStream in) throws IOException, InvalidInputException {
        long sequence = in.readLong();
        byte kind = in.readByte();
        if (kind == CHANGE_FILE || kind == CHANGE_LEFT_OUT) {
            Manifest file = readManifest(in);
            return new IndexChange(sequence, file.entry().path(), file, kind == CHANGE_LEFT_OUT);
        }
        if (kind != CHANGE_REMOVED) {
            throw new InvalidInputException("A change of an unknown kind " + kind + ".");
        }
        String path = SharePaths.normalize(in.readUTF());
        if (path.isEmpty()) {
            throw new InvalidInputException("A change without a path.");
        }
        return new IndexChange(sequence, path, null);
    }

    static Manifest readManifest(DataInputStream in) throws IOException, InvalidInputException {
        String path = SharePaths.normalize(in.readUTF());
        if (path.isEmpty()) {
            throw new InvalidInputException("A file without a name.");
        }
        long size = nonNegative(in.readLong());
        if (size > Manifest.MAX_FILE_BYTES) {
            throw new InvalidInputException("A file of " + size + " bytes is larger than Peerdesk takes (" + Manifest.MAX_FILE_BYTES + ").");
        }
        Instant modified = instant(in.readLong());
        int mode = in.readInt() & 07777;
        int blockSize = in.readInt();
        if (blockSize != Manifest.blockSizeFor(size)) {
            throw new InvalidInputException("A block size of " + blockSize + " does not fit a file of " + size + " bytes.");
        }
        int hashBytes = in.readInt();
        if (hashBytes != Manifest.blocks(size, blockSize) * Manifest.HASH_BYTES) {
            throw new InvalidInputException("The hashes do not fit a file of " + size + " bytes.");
        }
        byte[] hashes = in.readNBytes(hashBytes);
        if (hashes.length != hashBytes) {
            throw new IOException("The peer closed the stream in the middle of a manifest.");
        }
        return new Manifest(new FileEntry(path, false, size, modified, mode), blockSize, hashes);
    }

    private static long nonNegative(long size) throws InvalidInputException {
        if (size < 0) {
            throw new InvalidInputException("A negative size.");
        }
        return size;
    }

    static long nanos(Instant instant) {
        return instant.getEpochSecond() * 1_000_000_000L + instant.getNano();
    }

    static Instant instant(long nanos) {
        return Instant.ofEpochSecond(Math.floorDiv(nanos, 1_000_000_000L), Math.floorMod(nanos, 1_000_000_000L));
    }
}
