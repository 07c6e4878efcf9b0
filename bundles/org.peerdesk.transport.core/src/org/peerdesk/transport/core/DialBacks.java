package org.peerdesk.transport.core;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;

import org.peerdesk.core.InvalidInputException;
import org.peerdesk.core.PeerId;
import org.peerdesk.transport.PeerAddress;
import org.peerdesk.transport.SeenAddresses.Check;
import org.peerdesk.transport.Stream;
import org.peerdesk.transport.TransportException;
import org.peerdesk.transport.TransportService;

/**
 * Asks a peer that says where it reaches this node to dial it back there ({@link DialBackWire}): once per address, and
 * again when that was long ago. An address this node listens on is on its own network and needs no asking.
 */
final class DialBacks {

    static final Duration AGAIN_AFTER = Duration.ofMinutes(30);
    private static final Logger LOG = System.getLogger(DialBacks.class.getName());
    private static final Duration ANSWER_WITHIN = Duration.ofSeconds(10);

    private final TransportService transport;
    private final Clock clock;
    private final ExecutorService threads;
    private final Runnable changed;
    private final Map<PeerAddress, Checked> checks = new ConcurrentHashMap<>();

    /** What the last dial back to an address found, and when it was asked for. */
    private record Checked(Check check, Instant asked) {
    }

    /** Asks on {@code threads}; runs {@code changed} when an address is found to take connections or to no longer take them. */
    DialBacks(TransportService transport, Clock clock, ExecutorService threads, Runnable changed) {
        this.transport = transport;
        this.clock = clock;
        this.threads = threads;
        this.changed = changed;
    }

    Check checkOf(PeerAddress at) {
        Checked checked = checks.get(at);
        return checked == null ? Check.NOT_CHECKED : checked.check();
    }

    /** {@code by} says it reaches this node at {@code at}: asks it to dial back there unless that was asked lately. */
    void heard(PeerId by, PeerAddress at) {
        if (transport.listenAddresses().contains(at)) {
            return;
        }
        Instant now = clock.instant();
        Checked last = checks.get(at);
        if (last != null && now.isBefore(last.asked().plus(AGAIN_AFTER))) {
            return;
        }
        checks.put(at, new Checked(checkOf(at), now)); // asked: not again while this one is under way
        Background.run(threads, () -> ask(by, at), reason -> LOG.log(Level.INFO, "Could not ask {0} to dial this node back: {1}",
                by.shortForm(), reason));
    }

    private void ask(PeerId by, PeerAddress at) throws TransportException, InterruptedException {
        DialBackWire.Answer answer;
        try (Stream stream = transport.awaitStream(by, DialBackWire.ID, ANSWER_WITHIN)) {
            DialBackWire.writeAsk(new DataOutputStream(stream.output()));
            answer = DialBackWire.readAnswer(new DataInputStream(stream.input()));
        } catch (IOException | InvalidInputException e) {
            throw new TransportException(e.getMessage(), e);
        }
        Check found = answer.reached() ? Check.TAKES_CONNECTIONS : Check.NO_ANSWER;
        LOG.log(Level.INFO, "{0} dialed this node back at {1}: {2}", by.shortForm(), at,
                answer.reached() ? "it takes connections there, and invites name it" : "no way in there (" + answer.reason() + ")");
        Checked before = checks.put(at, new Checked(found, clock.instant()));
        if ((before == null ? Check.NOT_CHECKED : before.check()) != found) {
            changed.run();
        }
    }
}
