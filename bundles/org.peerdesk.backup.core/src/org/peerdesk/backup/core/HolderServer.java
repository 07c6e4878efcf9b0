package org.peerdesk.backup.core;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Consumer;

import org.peerdesk.core.PeerId;
import org.peerdesk.storage.StorageException;
import org.peerdesk.transport.Stream;

/**
 * The holder's end of {@value BackupWire#PROTOCOL}: checks the owner's proof, then answers requests
 * in order. Puts that arrive together are stored together (one sync of the folder, one transaction)
 * and answered together, which keeps a pipelining owner's uploads at disk speed.
 */
final class HolderServer {

    /** What the holder's owner decided: who may store here, and how much. */
    interface Gate {
        boolean mayStore(PeerId peer);

        /** The quota of the peer's grant; empty for no limit. */
        OptionalLong quota(PeerId peer);

        void refused(PeerId peer, String reason);
    }

    private static final int BATCH_BYTES = 32 << 20;
    private static final int BATCH_PUTS = 256;

    private final HolderStore store;
    private final PeerId self;
    private final Gate gate;
    private final Consumer<PeerId> changed;

    HolderServer(HolderStore store, PeerId self, Gate gate, Consumer<PeerId> changed) {
        this.store = store;
        this.self = self;
        this.gate = gate;
        this.changed = changed;
    }

    void serve(Stream stream) throws IOException, StorageException {
        DataInputStream in = new DataInputStream(new BufferedInputStream(stream.input(), 1 << 16));
        DataOutputStream out = new DataOutputStream(new BufferedOutputStream(stream.output(), 1 << 16));
        PeerId peer = stream.peer();
        Optional<String> vault = proof(in, out, peer);
        if (vault.isEmpty()) {
            return;
        }
        List<HolderStore.Put> puts = new ArrayList<>();
        long putBytes = 0;
        while (true) {
            byte op;
            try {
                op = in.readByte();
            } catch (EOFException end) {
                flush(vault.get(), peer, puts, out);
                return;
            }
            if (op == BackupWire.PUT) {
                byte kind = BackupWire.kind(in);
                HolderStore.Put put = new HolderStore.Put(kind, BackupWire.readId(in), BackupWire.readBlob(in));
                puts.add(put);
                putBytes += put.blob().length;
                if (in.available() == 0 || puts.size() >= BATCH_PUTS || putBytes >= BATCH_BYTES) {
                    flush(vault.get(), peer, puts, out);
                    putBytes = 0;
                }
                continue;
            }
            flush(vault.get(), peer, puts, out);
            putBytes = 0;
            answer(op, vault.get(), in, out);
            if (in.available() == 0) {
                out.flush();
            }
        }
    }

    /** Sends a fresh nonce and checks the signed answer; returns the vault the asker proved it owns. */
    private Optional<String> proof(DataInputStream in, DataOutputStream out, PeerId peer) throws IOException {
        byte[] nonce = new byte[BackupWire.NONCE_BYTES];
        new SecureRandom().nextBytes(nonce);
        out.write(nonce);
        out.flush();
        byte[] publicKey = new byte[32];
        byte[] signature = new byte[BackupWire.SIGNATURE_BYTES];
        in.readFully(publicKey);
        in.readFully(signature);
        if (!VaultKeys.verify(publicKey, BackupWire.proofMessage(nonce, self), signature)) {
            gate.refused(peer, "a backup request without a valid owner proof");
            out.writeByte(BackupWire.REFUSED);
            out.writeUTF("the owner proof does not verify");
            out.flush();
            return Optional.empty();
        }
        out.writeByte(BackupWire.OK);
        out.flush();
        return Optional.of(VaultKeys.vaultOf(publicKey));
    }

    private void flush(String vault, PeerId peer, List<HolderStore.Put> puts, DataOutputStream out) throws IOException, StorageException {
        if (puts.isEmpty()) {
            return;
        }
        List<HolderStore.Verdict> verdicts;
        if (!gate.mayStore(peer)) {
            String reason = "no grant of store-backup on backup; ask for it with: peerdesk request " + self.shortForm() + " backup store-backup";
            gate.refused(peer, reason);
            verdicts = puts.stream().map(put -> new HolderStore.Verdict(BackupWire.REFUSED, reason)).toList();
        } else {
            verdicts = store.putAll(vault, peer, gate.quota(peer), puts);
            changed.accept(peer);
        }
        for (HolderStore.Verdict verdict : verdicts) {
            out.writeByte(verdict.code());
            if (verdict.code() != BackupWire.OK) {
                out.writeUTF(verdict.reason());
            }
        }
        out.flush();
        puts.clear();
    }

    private void answer(byte op, String vault, DataInputStream in, DataOutputStream out) throws IOException, StorageException {
        switch (op) {
            case BackupWire.GET -> {
                Optional<byte[]> blob = store.get(vault, BackupWire.readId(in));
                if (blob.isPresent()) {
                    out.writeByte(BackupWire.OK);
                    out.writeInt(blob.get().length);
                    out.write(blob.get());
                } else {
                    out.writeByte(BackupWire.MISSING);
                }
            }
            case BackupWire.LIST -> {
                byte kind = BackupWire.kind(in);
                BackupWire.writeIds(out, store.list(vault, kind, BackupWire.readId(in), BackupWire.MAX_IDS));
            }
            case BackupWire.PROVE -> {
                byte[] nonce = new byte[BackupWire.NONCE_BYTES];
                in.readFully(nonce);
                for (Optional<byte[]> answer : store.prove(vault, nonce, BackupWire.readIds(in))) {
                    out.writeByte(answer.isPresent() ? BackupWire.OK : BackupWire.MISSING);
                    if (answer.isPresent()) {
                        out.write(answer.get());
                    }
                }
            }
            case BackupWire.DELETE -> out.writeLong(store.delete(vault, BackupWire.readIds(in)));
            default -> throw new IOException("unknown backup request " + op);
        }
    }
}
