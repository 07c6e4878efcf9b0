package org.peerdesk.backup.core;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

import org.peerdesk.backup.HolderAnswer;
import org.peerdesk.core.PeerId;
import org.peerdesk.transport.ProtocolId;
import org.peerdesk.transport.Stream;

/**
 * Asks holders, all at once, whether they store for this node: each on a stream of its own, proving
 * the vault is this node's as a run does. A holder that has not answered when the time is up is
 * said not to have, and its stream is reset.
 */
final class HolderQuestions {

    private static final ProtocolId PROTOCOL = ProtocolId.of(BackupWire.PROTOCOL);

    private final Streams streams;
    private final VaultKeys keys;
    private final Function<PeerId, String> names;
    private final Map<PeerId, Stream> asking = new ConcurrentHashMap<>();

    HolderQuestions(Streams streams, VaultKeys keys, Function<PeerId, String> names) {
        this.streams = streams;
        this.keys = keys;
        this.names = names;
    }

    /** Each holder's answer, in the order given, within {@code within} in all. */
    List<HolderAnswer> ask(List<PeerId> holders, Duration within, ExecutorService workers) throws InterruptedException {
        List<CompletableFuture<HolderAnswer>> asked = holders.stream()
                .map(holder -> CompletableFuture.supplyAsync(() -> askOne(holder), workers)).toList();
        long deadline = System.nanoTime() + within.toNanos();
        List<HolderAnswer> answers = new ArrayList<>(holders.size());
        for (int i = 0; i < holders.size(); i++) {
            PeerId holder = holders.get(i);
            try {
                answers.add(asked.get(i).get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS));
            } catch (TimeoutException e) {
                Stream stream = asking.get(holder);
                if (stream != null) {
                    stream.reset();
                }
                answers.add(noAnswer(holder, "nothing came back within "
                        + (within.toMillis() % 1000 == 0 ? within.toSeconds() + " s" : within.toMillis() + " ms")));
            } catch (ExecutionException e) {
                answers.add(noAnswer(holder, e.getCause().getMessage()));
            }
        }
        return answers;
    }

    private HolderAnswer askOne(PeerId holder) {
        if (!streams.connected(holder)) {
            return new HolderAnswer(holder, names.apply(holder), HolderAnswer.Kind.OFFLINE, "", OptionalLong.empty(), 0);
        }
        try {
            Stream stream = streams.open(holder, PROTOCOL);
            asking.put(holder, stream);
            try (HolderLink link = HolderLink.open(stream, keys)) {
                return HolderLink.await(link.room(names.apply(holder)));
            }
        } catch (IOException e) {
            return noAnswer(holder, e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return noAnswer(holder, "interrupted");
        }
    }

    private HolderAnswer noAnswer(PeerId holder, String reason) {
        return new HolderAnswer(holder, names.apply(holder), HolderAnswer.Kind.NO_ANSWER, reason, OptionalLong.empty(), 0);
    }
}
