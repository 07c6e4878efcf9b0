package org.peerdesk.backup.core;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.peerdesk.core.PeerId;

/**
 * The {@value #PROTOCOL} protocol between a vault's owner and a holder. The holder opens with a
 * fresh nonce; the owner proves the vault is its own by signing it (with the holder's ID, so the
 * proof is good for this holder only); then requests follow, answered in order, and may be
 * pipelined:
 * <pre>
 * PUT kind, id (32), length (int), blob  -> STORED | FULL reason | REFUSED reason
 * GET id                                 -> FOUND length blob | MISSING
 * LIST kind, after (32)                  -> count (int), ids in order (at most {@value #MAX_IDS})
 * PROVE nonce (32), count, ids           -> per id: MISSING, or FOUND and SHA-256(nonce, blob)
 * DELETE count, ids                      -> bytes the owner's quota no longer counts (long)
 * ROOM                                   -> OK quota (long, -1 for none), used (long) | REFUSED reason
 * UNDELETE                               -> count (int), ids: the snapshot records among the deleted blobs the
 *                                           holder kept and brought back (all of them come back)
 * </pre>
 * Storing needs the {@code store-backup} right and room in its quota; the rest only the proof.
 */
final class BackupWire {

    static final String PROTOCOL = "/peerdesk/backup/1";
    static final int NONCE_BYTES = 32;
    static final int SIGNATURE_BYTES = 64;
    static final int MAX_BLOB = Chunker.MAX + 4096;
    static final int MAX_IDS = 10_000;

    static final byte PUT = 1;
    static final byte GET = 2;
    static final byte LIST = 3;
    static final byte PROVE = 4;
    static final byte DELETE = 5;
    static final byte ROOM = 6;
    static final byte UNDELETE = 7;

    static final byte OK = 0;
    static final byte REFUSED = 1;
    static final byte FULL = 2;
    static final byte MISSING = 3;

    /** Content chunks and trees. */
    static final byte DATA = 0;
    /** Snapshot records: what a recovery lists first. */
    static final byte ROOT = 1;

    private BackupWire() {
    }

    static byte[] proofMessage(byte[] nonce, PeerId holder) {
        byte[] label = "peerdesk backup owner proof v1".getBytes(StandardCharsets.US_ASCII);
        byte[] message = new byte[label.length + nonce.length + PeerId.LENGTH];
        System.arraycopy(label, 0, message, 0, label.length);
        System.arraycopy(nonce, 0, message, label.length, nonce.length);
        System.arraycopy(holder.bytes(), 0, message, label.length + nonce.length, PeerId.LENGTH);
        return message;
    }

    static BlobId readId(DataInputStream in) throws IOException {
        byte[] id = new byte[VaultKeys.ID_BYTES];
        in.readFully(id);
        return new BlobId(id);
    }

    static byte kind(DataInputStream in) throws IOException {
        byte kind = in.readByte();
        if (kind != DATA && kind != ROOT) {
            throw new IOException("unknown blob kind " + kind);
        }
        return kind;
    }

    static byte[] readBlob(DataInputStream in) throws IOException {
        int length = in.readInt();
        if (length <= 0 || length > MAX_BLOB) {
            throw new IOException("a blob of " + length + " bytes; the limit is " + MAX_BLOB);
        }
        byte[] blob = new byte[length];
        in.readFully(blob);
        return blob;
    }

    static void writeIds(DataOutputStream out, List<BlobId> ids) throws IOException {
        out.writeInt(ids.size());
        for (BlobId id : ids) {
            out.write(id.bytes());
        }
    }

    static List<BlobId> readIds(DataInputStream in) throws IOException {
        int count = in.readInt();
        if (count < 0 || count > MAX_IDS) {
            throw new IOException("a list of " + count + " IDs; the limit is " + MAX_IDS);
        }
        List<BlobId> ids = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            ids.add(readId(in));
        }
        return ids;
    }
}
