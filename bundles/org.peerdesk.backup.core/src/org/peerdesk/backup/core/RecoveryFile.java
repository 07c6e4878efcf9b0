package org.peerdesk.backup.core;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import org.peerdesk.backup.BackupException;
import org.peerdesk.core.PeerId;

/**
 * The recovery file: the holders of this node's backups and the addresses they were reached at, sealed with the
 * vault's key so that only the recovery phrase opens it. With the phrase, it lets a new node on another network than
 * the holders connect to them, where the phrase alone finds only holders on the local network or connected by hand.
 * It is text: two lines saying what it is, then the sealed list (a random ID and the blob, in Base64).
 */
final class RecoveryFile {

    static final String FIRST_WORDS = "Peerdesk recovery file";
    private static final int VERSION = 1;
    private static final int MOST_HOLDERS = 1000;
    private static final int MOST_ADDRESSES = 16;
    private static final int MOST_CHARACTERS = 1 << 20;

    /** A holder named in the file, with where it was reached. */
    record Holder(PeerId peer, List<String> addresses) {

        Holder {
            addresses = List.copyOf(addresses);
        }
    }

    private RecoveryFile() {
    }

    static String write(VaultKeys keys, List<Holder> holders, LocalDate made) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(VERSION);
            out.writeInt(holders.size());
            for (Holder holder : holders) {
                out.write(holder.peer().bytes());
                List<String> addresses = holder.addresses().stream().limit(MOST_ADDRESSES).toList();
                out.writeShort(addresses.size());
                for (String address : addresses) {
                    out.writeUTF(address);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("writing to memory", e);
        }
        byte[] id = VaultKeys.randomId(); // a nonce of its own: every file is sealed under a fresh ID
        byte[] plain = bytes.toByteArray();
        byte[] sealed = keys.seal(id, plain, 0, plain.length);
        Base64.Encoder base64 = Base64.getEncoder();
        return FIRST_WORDS + ", made " + made + ": the peers that hold this node's backups, sealed so that only its recovery"
                + " phrase opens it.\nOn a new node: peerdesk recover WORD... --file THIS-FILE\n"
                + base64.encodeToString(id) + " " + base64.encodeToString(sealed) + "\n";
    }

    static List<Holder> read(VaultKeys keys, String text) throws BackupException {
        List<String> lines = text.length() > MOST_CHARACTERS ? List.of() : text.strip().lines().toList();
        if (lines.size() != 3 || !lines.get(0).startsWith(FIRST_WORDS)) {
            throw new BackupException("That is not a Peerdesk recovery file ('peerdesk recovery file FILE' makes one).");
        }
        String[] parts = lines.get(2).strip().split(" ");
        byte[] plain;
        try {
            if (parts.length != 2) {
                throw new IllegalArgumentException("two parts");
            }
            plain = keys.open(Base64.getDecoder().decode(parts[0]), Base64.getDecoder().decode(parts[1]));
        } catch (IllegalArgumentException | VaultKeys.TamperedException e) {
            throw new BackupException("The recovery file does not open with this recovery phrase: it belongs to another phrase,"
                    + " or it was damaged.");
        }
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(plain))) {
            if (in.readInt() != VERSION) {
                throw new BackupException("The recovery file was made by a newer Peerdesk; update this one to read it.");
            }
            int count = in.readInt();
            if (count < 0 || count > MOST_HOLDERS) {
                throw new IOException("holders: " + count);
            }
            List<Holder> holders = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                byte[] peer = in.readNBytes(PeerId.LENGTH);
                int addressCount = in.readUnsignedShort();
                if (peer.length != PeerId.LENGTH || addressCount > MOST_ADDRESSES) {
                    throw new IOException("holder " + i);
                }
                List<String> addresses = new ArrayList<>(addressCount);
                for (int a = 0; a < addressCount; a++) {
                    addresses.add(in.readUTF());
                }
                holders.add(new Holder(new PeerId(peer), addresses));
            }
            return holders;
        } catch (IOException e) {
            // sealed with the phrase's key, so written by a node that had it, yet not as this version reads it
            throw new BackupException("The recovery file opens with this phrase but cannot be read: " + e.getMessage());
        }
    }
}
