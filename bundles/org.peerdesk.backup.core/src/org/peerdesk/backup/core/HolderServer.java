package org.peerdesk.backup.core;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Supplier;

import org.peerdesk.core.PeerId;
import org.peerdesk.storage.StorageException;
import org.peerdesk.transport.Stream;

/**
 * The holder's end of {@value BackupWire#PROTOCOL}: checks the owner's proof, then answers requests
 * in order. Puts that arrive together are stored together (one sync, one transaction) and answered
 * together, which keeps a pipelining owner's uploads at disk speed.
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
    private static final int QUEUED_BYTES = 64 << 20;

    private final HolderStore store;
    private final PeerId self;
    private final Gate gate;
    private final Consumer<PeerId> changed;
    private final BiConsumer<PeerId, String> proved;
    private final Supplier<Duration> keepDeleted;

    /**
     * {@code changed} hears of an owner whose data here changed; {@code proved}, of a peer that proved it owns a vault;
     * {@code keepDeleted} says how long what owners delete stays here (see {@link HolderStore#delete}).
     */
    HolderServer(HolderStore store, PeerId self, Gate gate, Consumer<PeerId> changed, BiConsumer<PeerId, String> proved,
            Supplier<Duration> keepDeleted) {
        this.keepDeleted = keepDeleted;
        this.store = store;
        this.self = self;
        this.gate = gate;
        this.changed = changed;
        this.proved = proved;
    }

    /** A request as read, waiting for the worker. */
    private sealed interface Request {
    }

    private record Put(HolderStore.Put put) implements Request {
    }

    private record Get(BlobId id) implements Request {
    }

    private record ListIds(byte kind, BlobId after) implements Request {
    }

    private record Prove(byte[] nonce, List<BlobId> ids) implements Request {
    }

    private record Delete(List<BlobId> ids) implements Request {
    }

    private record Room() implements Request {
    }

    private record Undelete() implements Request {
    }

    private record End() implements Request {
    }

    /**
     * Serves one owner's stream: this thread reads requests, a worker stores and answers them in
     * order, so that the next blobs arrive while the last batch is being synced to disk. What waits
     * between the two is bounded to {@value #QUEUED_BYTES} bytes.
     */
    void serve(Stream stream) throws IOException, StorageException {
        DataInputStream in = new DataInputStream(new BufferedInputStream(stream.input(), 1 << 16));
        DataOutputStream out = new DataOutputStream(new BufferedOutputStream(stream.output(), 1 << 16));
        PeerId peer = stream.peer();
        Optional<String> vault = proof(in, out, peer);
        if (vault.isEmpty()) {
            return;
        }
        proved.accept(peer, vault.get());
        BlockingQueue<Request> requests = new LinkedBlockingQueue<>();
        Semaphore room = new Semaphore(QUEUED_BYTES);
        Exception[] failed = new Exception[1];
        boolean[] stored = new boolean[1];
        Thread worker = Thread.ofVirtual().name("peerdesk-backup-holder-" + peer.shortForm()).start(() -> {
            try {
                stored[0] = work(vault.get(), peer, requests, room, out);
            } catch (IOException | StorageException | InterruptedException | RuntimeException e) {
                failed[0] = e;
                stream.reset();
            }
        });
        try {
            readRequests(in, requests, room, worker);
        } finally {
            requests.add(new End());
            try {
                worker.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (stored[0]) {
                changed.accept(peer);
            }
        }
        if (failed[0] instanceof IOException io) {
            throw io;
        }
        if (failed[0] instanceof StorageException storage) {
            throw storage;
        }
    }

    private static void readRequests(DataInputStream in, BlockingQueue<Request> requests, Semaphore room, Thread worker)
            throws IOException {
        while (worker.isAlive()) {
            byte op;
            try {
                op = in.readByte();
            } catch (EOFException end) {
                return;
            }
            Request request = switch (op) {
                case BackupWire.PUT -> {
                    byte kind = BackupWire.kind(in);
                    BlobId id = BackupWire.readId(in);
                    byte[] blob = BackupWire.readBlob(in);
                    room.acquireUninterruptibly(blob.length);
                    yield new Put(new HolderStore.Put(kind, id, blob));
                }
                case BackupWire.GET -> new Get(BackupWire.readId(in));
                case BackupWire.LIST -> new ListIds(BackupWire.kind(in), BackupWire.readId(in));
                case BackupWire.PROVE -> {
                    byte[] nonce = new byte[BackupWire.NONCE_BYTES];
                    in.readFully(nonce);
                    yield new Prove(nonce, BackupWire.readIds(in));
                }
                case BackupWire.DELETE -> new Delete(BackupWire.readIds(in));
                case BackupWire.ROOM -> new Room();
                case BackupWire.UNDELETE -> new Undelete();
                default -> throw new IOException("unknown backup request " + op);
            };
            requests.add(request);
        }
    }

    /** Answers requests in order until the end; returns whether any blob was stored. */
    private boolean work(String vault, PeerId peer, BlockingQueue<Request> requests, Semaphore room, DataOutputStream out)
            throws IOException, StorageException, InterruptedException {
        List<HolderStore.Put> puts = new ArrayList<>();
        boolean stored = false;
        while (true) {
            Request request = requests.poll();
            if (request == null) {
                out.flush();
                request = requests.take();
            }
            if (request instanceof End) {
                out.flush();
                return stored;
            }
            if (request instanceof Put put) {
                puts.add(put.put());
                long bytes = put.put().blob().length;
                while (requests.peek() instanceof Put next && puts.size() < BATCH_PUTS && bytes < BATCH_BYTES) {
                    requests.poll();
                    puts.add(next.put());
                    bytes += next.put().blob().length;
                }
                stored |= store(vault, peer, puts, out);
                room.release((int) bytes);
                puts.clear();
                continue;
            }
            answer(vault, peer, request, out);
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

    /** Stores a batch of puts, if the peer may, and answers each; returns whether the peer may store. */
    private boolean store(String vault, PeerId peer, List<HolderStore.Put> puts, DataOutputStream out) throws IOException, StorageException {
        List<HolderStore.Verdict> verdicts;
        boolean allowed = gate.mayStore(peer);
        if (!allowed) {
            String reason = noGrant();
            gate.refused(peer, reason);
            verdicts = puts.stream().map(put -> new HolderStore.Verdict(BackupWire.REFUSED, reason)).toList();
        } else {
            verdicts = store.putAll(vault, peer, gate.quota(peer), puts);
        }
        for (HolderStore.Verdict verdict : verdicts) {
            out.writeByte(verdict.code());
            if (verdict.code() != BackupWire.OK) {
                out.writeUTF(verdict.reason());
            }
        }
        return allowed;
    }

    private String noGrant() {
        return "no grant of store-backup on backup; ask for it with: peerdesk request " + self.shortForm() + " backup store-backup";
    }

    private void answer(String vault, PeerId peer, Request request, DataOutputStream out) throws IOException, StorageException {
        switch (request) {
            case Get get -> {
                Optional<byte[]> blob = store.get(vault, get.id());
                if (blob.isPresent()) {
                    out.writeByte(BackupWire.OK);
                    out.writeInt(blob.get().length);
                    out.write(blob.get());
                } else {
                    out.writeByte(BackupWire.MISSING);
                }
            }
            case ListIds list -> BackupWire.writeIds(out, store.list(vault, list.kind(), list.after(), BackupWire.MAX_IDS));
            case Prove prove -> {
                for (Optional<byte[]> answer : store.prove(vault, prove.nonce(), prove.ids())) {
                    out.writeByte(answer.isPresent() ? BackupWire.OK : BackupWire.MISSING);
                    if (answer.isPresent()) {
                        out.write(answer.get());
                    }
                }
            }
            case Delete delete -> out.writeLong(store.delete(vault, delete.ids(), keepDeleted.get()));
            case Undelete undelete -> {
                List<BlobId> roots = store.undelete(vault);
                BackupWire.writeIds(out, roots.subList(0, Math.min(roots.size(), BackupWire.MAX_IDS)));
            }
            case Room room -> {
                if (gate.mayStore(peer)) {
                    out.writeByte(BackupWire.OK);
                    out.writeLong(gate.quota(peer).orElse(-1));
                    out.writeLong(store.counted(peer, gate.quota(peer)));
                } else {
                    out.writeByte(BackupWire.REFUSED);
                    out.writeUTF(noGrant());
                }
            }
            default -> throw new IllegalStateException("not an answered request: " + request);
        }
    }
}
