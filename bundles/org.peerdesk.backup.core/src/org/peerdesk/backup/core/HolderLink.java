package org.peerdesk.backup.core;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;

import org.peerdesk.backup.HolderAnswer;
import org.peerdesk.core.PeerId;
import org.peerdesk.transport.Stream;

/**
 * The owner's end of {@value BackupWire#PROTOCOL} with one holder: requests go out in the order
 * they are made (several threads may make them) on a writer thread of the link's own, answers come
 * back in order on a reader thread and complete each request's future. Uploads in flight are bounded, so a slow holder slows
 * its uploads and holds no more than {@value #WINDOW_BYTES} bytes of memory.
 */
final class HolderLink implements AutoCloseable {

    /** A holder's answer to a put. */
    record Verdict(byte code, String reason) {
        boolean stored() {
            return code == BackupWire.OK;
        }
    }

    private static final int WINDOW_BYTES = 48 << 20;
    private static final int WINDOW_UNIT = 1024;

    private interface Answer {
        void read(DataInputStream in) throws IOException;

        void fail(IOException cause);
    }

    private final PeerId holder;
    private final Stream stream;
    private final DataInputStream in;
    private final DataOutputStream out;
    private final BlockingQueue<Answer> waiting = new LinkedBlockingQueue<>();
    private final Semaphore window = new Semaphore(WINDOW_BYTES / WINDOW_UNIT);
    private final BlockingQueue<Outgoing> outgoing = new LinkedBlockingQueue<>();
    private volatile IOException broken;

    private HolderLink(PeerId holder, Stream stream) {
        this.holder = holder;
        this.stream = stream;
        this.in = new DataInputStream(new BufferedInputStream(stream.input(), 1 << 16));
        this.out = new DataOutputStream(new BufferedOutputStream(stream.output(), 1 << 16));
    }

    /** Proves ownership of the vault on a fresh stream to {@code holder} and starts reading answers. */
    static HolderLink open(Stream stream, VaultKeys keys) throws IOException {
        HolderLink link = new HolderLink(stream.peer(), stream);
        try {
            byte[] nonce = new byte[BackupWire.NONCE_BYTES];
            link.in.readFully(nonce);
            link.out.write(keys.publicKey());
            link.out.write(keys.sign(BackupWire.proofMessage(nonce, stream.peer())));
            link.out.flush();
            if (link.in.readByte() != BackupWire.OK) {
                throw new IOException(stream.peer().shortForm() + " refused the owner proof: " + link.in.readUTF());
            }
        } catch (IOException e) {
            stream.close();
            throw e;
        }
        Thread reader = new Thread(link::readAnswers, "peerdesk-backup-link-" + stream.peer().shortForm());
        reader.setDaemon(true);
        reader.start();
        Thread writer = new Thread(link::writeRequests, "peerdesk-backup-write-" + stream.peer().shortForm());
        writer.setDaemon(true);
        writer.start();
        return link;
    }

    PeerId holder() {
        return holder;
    }

    boolean broken() {
        return broken != null;
    }

    CompletableFuture<Verdict> put(byte kind, BlobId id, byte[] blob) throws IOException, InterruptedException {
        int units = blob.length / WINDOW_UNIT + 1;
        window.acquire(units);
        CompletableFuture<Verdict> verdict = new CompletableFuture<>();
        verdict.whenComplete((done, failure) -> window.release(units));
        send(out -> {
            out.writeByte(BackupWire.PUT);
            out.writeByte(kind);
            out.write(id.bytes());
            out.writeInt(blob.length);
            out.write(blob);
        }, verdict, in -> {
            byte code = in.readByte();
            return new Verdict(code, code == BackupWire.OK ? "" : in.readUTF());
        });
        return verdict;
    }

    CompletableFuture<Optional<byte[]>> get(BlobId id) throws IOException {
        CompletableFuture<Optional<byte[]>> blob = new CompletableFuture<>();
        send(out -> {
            out.writeByte(BackupWire.GET);
            out.write(id.bytes());
        }, blob, in -> in.readByte() == BackupWire.OK ? Optional.of(BackupWire.readBlob(in)) : Optional.empty());
        return blob;
    }

    /** Every ID of one kind the holder keeps in the vault. */
    List<BlobId> listAll(byte kind) throws IOException, InterruptedException {
        List<BlobId> all = new ArrayList<>();
        BlobId after = new BlobId(new byte[VaultKeys.ID_BYTES]);
        while (true) {
            BlobId from = after;
            CompletableFuture<List<BlobId>> page = new CompletableFuture<>();
            send(out -> {
                out.writeByte(BackupWire.LIST);
                out.writeByte(kind);
                out.write(from.bytes());
            }, page, BackupWire::readIds);
            List<BlobId> ids = await(page);
            all.addAll(ids);
            if (ids.size() < BackupWire.MAX_IDS) {
                return all;
            }
            after = ids.get(ids.size() - 1);
        }
    }

    /** The holder's proofs for {@code ids}: SHA-256 over the nonce and each stored blob, empty where it has none. */
    CompletableFuture<List<Optional<byte[]>>> prove(byte[] nonce, List<BlobId> ids) throws IOException {
        CompletableFuture<List<Optional<byte[]>>> answers = new CompletableFuture<>();
        send(out -> {
            out.writeByte(BackupWire.PROVE);
            out.write(nonce);
            BackupWire.writeIds(out, ids);
        }, answers, in -> {
            List<Optional<byte[]>> proofs = new ArrayList<>(ids.size());
            for (int i = 0; i < ids.size(); i++) {
                if (in.readByte() == BackupWire.OK) {
                    byte[] proof = new byte[32];
                    in.readFully(proof);
                    proofs.add(Optional.of(proof));
                } else {
                    proofs.add(Optional.empty());
                }
            }
            return proofs;
        });
        return answers;
    }

    CompletableFuture<Long> delete(List<BlobId> ids) throws IOException {
        CompletableFuture<Long> freed = new CompletableFuture<>();
        send(out -> {
            out.writeByte(BackupWire.DELETE);
            BackupWire.writeIds(out, ids);
        }, freed, DataInputStream::readLong);
        return freed;
    }

    /** Asks the holder to bring back what this vault's owner deleted that it still keeps; answers the snapshot records among it. */
    CompletableFuture<List<BlobId>> undelete() throws IOException {
        CompletableFuture<List<BlobId>> brought = new CompletableFuture<>();
        send(out -> out.writeByte(BackupWire.UNDELETE), brought, BackupWire::readIds);
        return brought;
    }

    /** Whether the holder stores for this node, and within what quota; {@code name} is what the user calls it. */
    CompletableFuture<HolderAnswer> room(String name) throws IOException {
        CompletableFuture<HolderAnswer> answer = new CompletableFuture<>();
        send(out -> out.writeByte(BackupWire.ROOM), answer, in -> switch (in.readByte()) {
            case BackupWire.OK -> {
                long quota = in.readLong();
                yield new HolderAnswer(holder, name, HolderAnswer.Kind.STORES, "", quota < 0 ? OptionalLong.empty() : OptionalLong.of(quota),
                        in.readLong());
            }
            case BackupWire.REFUSED -> new HolderAnswer(holder, name, HolderAnswer.Kind.REFUSES, in.readUTF(), OptionalLong.empty(), 0);
            default -> throw new IOException("an answer the backup protocol does not have");
        });
        return answer;
    }

    /** Waits for an answer; a broken link or a failed request comes back as an IOException. */
    static <T> T await(CompletableFuture<T> answer) throws IOException, InterruptedException {
        try {
            return answer.get();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause().getMessage(), e.getCause());
        }
    }

    private interface Request {
        void write(DataOutputStream out) throws IOException;
    }

    private interface Reader<T> {
        T read(DataInputStream in) throws IOException;
    }

    /** A request on its way out, and the answer that will come back for it. */
    private record Outgoing(Request request, Answer answer) {
    }

    /**
     * Queues a request for the writer thread, which writes requests in order and flushes whenever
     * nothing else waits: many small puts then travel together, and the holder stores them as one
     * batch. A holder busy syncing its disk slows the writes to it, and no other holder's.
     */
    private <T> void send(Request request, CompletableFuture<T> result, Reader<T> reader) throws IOException {
        Answer answer = new Answer() {
            @Override
            public void read(DataInputStream in) throws IOException {
                result.complete(reader.read(in));
            }

            @Override
            public void fail(IOException cause) {
                result.completeExceptionally(cause);
            }
        };
        synchronized (outgoing) {
            if (broken != null) {
                throw new IOException("the link to " + holder.shortForm() + " broke: " + broken.getMessage(), broken);
            }
            outgoing.add(new Outgoing(request, answer));
        }
    }

    private void writeRequests() {
        try {
            while (true) {
                Outgoing next = outgoing.poll();
                if (next == null) {
                    out.flush();
                    next = outgoing.take();
                }
                if (next.answer() == CLOSED) {
                    waiting.add(CLOSED);
                    out.flush();
                    return;
                }
                waiting.add(next.answer());
                next.request().write(out);
            }
        } catch (IOException e) {
            breakDown(e);
        } catch (InterruptedException e) {
            breakDown(new IOException("interrupted"));
        }
    }

    private void readAnswers() {
        Answer reading = null;
        try {
            while (true) {
                reading = waiting.take();
                if (reading == CLOSED) {
                    return;
                }
                reading.read(in);
                reading = null;
            }
        } catch (IOException e) {
            breakDown(e, reading);
        } catch (InterruptedException e) {
            breakDown(new IOException("interrupted"), reading);
        }
    }

    private void breakDown(IOException cause) {
        breakDown(cause, null);
    }

    /**
     * Marks the link broken, fails every request still without an answer ({@code reading}, if any, among them), and
     * ends both of the link's threads: the one that did not break may be waiting for work that will not come.
     */
    private void breakDown(IOException cause, Answer reading) {
        List<Answer> unanswered = new ArrayList<>();
        synchronized (outgoing) {
            if (broken == null) {
                broken = cause;
            }
            for (Outgoing unsent; (unsent = outgoing.poll()) != null;) {
                unanswered.add(unsent.answer());
            }
            outgoing.add(new Outgoing(out -> { }, CLOSED));
        }
        waiting.drainTo(unanswered);
        waiting.add(CLOSED);
        stream.reset();
        String why = cause.getMessage() != null ? cause.getMessage() : cause instanceof EOFException ? "it ended the stream" : cause.toString();
        IOException failure = new IOException(holder.shortForm() + " did not answer: " + why, cause);
        if (reading != null) {
            reading.fail(failure);
        }
        unanswered.forEach(answer -> answer.fail(failure));
    }

    private static final Answer CLOSED = new Answer() {
        @Override
        public void read(DataInputStream in) {
        }

        @Override
        public void fail(IOException cause) {
        }
    };

    @Override
    public void close() {
        synchronized (outgoing) {
            if (broken == null) {
                broken = new IOException("closed");
                outgoing.add(new Outgoing(out -> { }, CLOSED));
            }
        }
        stream.close();
    }
}
