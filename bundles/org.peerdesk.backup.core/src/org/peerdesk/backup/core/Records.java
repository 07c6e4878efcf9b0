package org.peerdesk.backup.core;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import org.peerdesk.backup.Snapshot;
import org.peerdesk.core.PeerId;

/**
 * The binary forms of what a vault stores besides file content: a snapshot's tree (all entries,
 * sorted by path) and its record (the set, the time, the tree's chunks, the holders, the set's sources). Both are
 * sealed like chunks, so the holders see neither names nor sizes; a tree is cut into chunks like
 * any content, so an unchanged tree costs nothing to store again.
 */
final class Records {

    private static final int TREE_FORMAT = 1;
    private static final int RECORD_FORMAT = 1;
    private static final int MAX_TEXT = 16 << 10;
    private static final int MAX_LIST = 1 << 24;

    private Records() {
    }

    static byte[] encodeTree(List<TreeEntry> entries) {
        return write(out -> {
            out.writeInt(TREE_FORMAT);
            out.writeInt(entries.size());
            for (TreeEntry entry : entries) {
                writeText(out, entry.path());
                out.writeByte(entry.type().ordinal());
                out.writeInt(entry.mode());
                out.writeLong(entry.modifiedNanos());
                out.writeLong(entry.size());
                writeIds(out, entry.chunks());
                writeText(out, entry.linkTarget());
            }
        });
    }

    static List<TreeEntry> decodeTree(byte[] tree) throws IOException {
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(tree));
        expectFormat(in, TREE_FORMAT, "tree");
        int count = count(in);
        List<TreeEntry> entries = new ArrayList<>(Math.min(count, 1 << 16));
        TreeEntry.Type[] types = TreeEntry.Type.values();
        for (int i = 0; i < count; i++) {
            String path = readText(in);
            int type = in.readUnsignedByte();
            if (type >= types.length) {
                throw new IOException("unknown entry type " + type);
            }
            entries.add(new TreeEntry(path, types[type], in.readInt(), in.readLong(), in.readLong(), readIds(in), readText(in)));
        }
        return entries;
    }

    /** A snapshot as its record keeps it; the set's definition comes along so that a recovery can rebuild the set. */
    record SnapshotRecord(String id, SetDefinition set, long timeMillis, long files, long bytes, long uploadedBytes,
            List<BlobId> tree, List<HolderAddress> holders) {

        SnapshotRecord {
            tree = List.copyOf(tree);
            holders = List.copyOf(holders);
        }
    }

    /** Where a holder was last reached, so that a new machine finds it again. */
    record HolderAddress(String peer, String address) {

        /** The set's holders, each with where {@code addresses} says it was last reached. */
        static List<HolderAddress> of(SetDefinition set, Function<PeerId, String> addresses) {
            return set.holders().stream().map(holder -> new HolderAddress(holder, addresses.apply(SetDefinition.peerOf(holder)))).toList();
        }
    }

    /** The record of a snapshot the catalog keeps, as a run of {@code set} would have written it, the holders where they are now. */
    static SnapshotRecord of(Catalog.SnapshotRow row, SetDefinition set, Function<PeerId, String> addresses) {
        Snapshot snapshot = row.snapshot();
        return new SnapshotRecord(snapshot.id(), set, snapshot.time().toEpochMilli(), snapshot.files(), snapshot.bytes(),
                snapshot.uploadedBytes(), row.tree(), HolderAddress.of(set, addresses));
    }

    /** The record sealed as the blob {@code root} that holders keep: only the vault's keys open it. */
    static byte[] sealed(VaultKeys keys, BlobId root, SnapshotRecord record) {
        byte[] encoded = encodeRecord(record);
        return keys.seal(root.bytes(), encoded, 0, encoded.length);
    }

    static byte[] encodeRecord(SnapshotRecord record) {
        return write(out -> {
            out.writeInt(RECORD_FORMAT);
            writeText(out, record.id());
            SetDefinition set = record.set();
            writeText(out, set.name());
            writeTexts(out, set.folders());
            writeTexts(out, set.holders());
            out.writeInt(set.copies());
            out.writeLong(set.everySeconds());
            out.writeLong(record.timeMillis());
            out.writeLong(record.files());
            out.writeLong(record.bytes());
            out.writeLong(record.uploadedBytes());
            writeIds(out, record.tree());
            out.writeInt(record.holders().size());
            for (HolderAddress holder : record.holders()) {
                writeText(out, holder.peer());
                writeText(out, holder.address());
            }
            writeTexts(out, set.sources()); // last: a version that reads no sources stops before them
        });
    }

    static SnapshotRecord decodeRecord(byte[] record) throws IOException {
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(record));
        expectFormat(in, RECORD_FORMAT, "snapshot record");
        String id = readText(in);
        String name = readText(in);
        List<String> folders = readTexts(in);
        List<String> setHolders = readTexts(in);
        int copies = in.readInt();
        long everySeconds = in.readLong();
        long time = in.readLong();
        long files = in.readLong();
        long bytes = in.readLong();
        long uploaded = in.readLong();
        List<BlobId> tree = readIds(in);
        int holders = count(in);
        List<HolderAddress> addresses = new ArrayList<>();
        for (int i = 0; i < holders; i++) {
            addresses.add(new HolderAddress(readText(in), readText(in)));
        }
        List<String> sources = in.available() > 0 ? readTexts(in) : List.of(); // none in a record of an earlier version
        return new SnapshotRecord(id, new SetDefinition(name, folders, sources, setHolders, copies, everySeconds), time, files, bytes,
                uploaded, tree, addresses);
    }

    private interface Writer {
        void write(DataOutputStream out) throws IOException;
    }

    private static byte[] write(Writer writer) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            writer.write(out);
        } catch (IOException e) {
            throw new UncheckedIOException("writing to memory does not fail", e);
        }
        return bytes.toByteArray();
    }

    private static void expectFormat(DataInputStream in, int format, String what) throws IOException {
        int found = in.readInt();
        if (found != format) {
            throw new IOException("a " + what + " of format " + found + "; this version reads format " + format);
        }
    }

    private static int count(DataInputStream in) throws IOException {
        int count = in.readInt();
        if (count < 0 || count > MAX_LIST) {
            throw new IOException("a list of " + count + " items");
        }
        return count;
    }

    private static void writeText(DataOutputStream out, String text) throws IOException {
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        out.writeInt(utf8.length);
        out.write(utf8);
    }

    private static String readText(DataInputStream in) throws IOException {
        int length = in.readInt();
        if (length < 0 || length > MAX_TEXT) {
            throw new IOException("a name of " + length + " bytes");
        }
        byte[] utf8 = new byte[length];
        in.readFully(utf8);
        return new String(utf8, StandardCharsets.UTF_8);
    }

    private static void writeTexts(DataOutputStream out, List<String> texts) throws IOException {
        out.writeInt(texts.size());
        for (String text : texts) {
            writeText(out, text);
        }
    }

    private static List<String> readTexts(DataInputStream in) throws IOException {
        int count = count(in);
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            texts.add(readText(in));
        }
        return texts;
    }

    private static void writeIds(DataOutputStream out, List<BlobId> ids) throws IOException {
        out.writeInt(ids.size());
        for (BlobId id : ids) {
            out.write(id.bytes());
        }
    }

    private static List<BlobId> readIds(DataInputStream in) throws IOException {
        int count = count(in);
        List<BlobId> ids = new ArrayList<>(Math.min(count, 1024));
        byte[] id = new byte[VaultKeys.ID_BYTES];
        for (int i = 0; i < count; i++) {
            try {
                in.readFully(id);
            } catch (EOFException e) {
                throw new IOException("a list of chunks cut short", e);
            }
            ids.add(new BlobId(id));
        }
        return ids;
    }
}
