package org.peerdesk.transport.netty;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.peerdesk.transport.PeerAddress;
import org.peerdesk.transport.TransportException;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.EventLoop;
import io.netty.util.concurrent.ScheduledFuture;

/**
 * Dials a peer's addresses in their order, each {@link #STAGGER} after the one before or at once when every
 * dial under way has failed, and keeps the first socket that connects, closing the others (RFC 8305's way
 * with a host's addresses). An address that swallows the dial, such as a network left behind or a router's
 * public address seen from behind that router, then costs a quarter of a second, not the connect timeout.
 * Only the winner goes on to the TLS handshake: two sockets would each become a connection, and the later
 * one would take the place of the first and close its streams. All its state changes on one event loop.
 */
final class DialRace {

    static final Duration STAGGER = Duration.ofMillis(250);

    /** A socket connected to {@code address}, not yet authenticated. */
    record Socket(Channel channel, PeerAddress address) {
    }

    private final List<PeerAddress> addresses;
    private final Function<PeerAddress, ChannelFuture> dialer;
    private final EventLoop loop;
    private final CompletableFuture<Socket> winner = new CompletableFuture<>();
    private final List<ChannelFuture> attempts = new ArrayList<>();
    private final Map<PeerAddress, String> failures = new LinkedHashMap<>();
    private int started;
    private ScheduledFuture<?> nextDial;

    private DialRace(List<PeerAddress> addresses, Function<PeerAddress, ChannelFuture> dialer, EventLoop loop) {
        this.addresses = addresses.stream().distinct().toList(); // a failure per address ends the race: each is counted once
        this.dialer = dialer;
        this.loop = loop;
    }

    /**
     * Dials {@code addresses} (at least one) with {@code dialer}; completes with the first socket connected, or
     * fails with a {@link TransportException} that says why each address failed.
     */
    static CompletableFuture<Socket> run(List<PeerAddress> addresses, Function<PeerAddress, ChannelFuture> dialer, EventLoop loop) {
        if (addresses.isEmpty()) {
            throw new IllegalArgumentException("no address to dial");
        }
        DialRace race = new DialRace(addresses, dialer, loop);
        loop.execute(race::dialNext);
        return race.winner;
    }

    private void dialNext() {
        if (nextDial != null) {
            nextDial.cancel(false);
            nextDial = null;
        }
        if (winner.isDone() || started == addresses.size()) {
            return;
        }
        PeerAddress address = addresses.get(started++);
        ChannelFuture attempt = dialer.apply(address);
        attempts.add(attempt);
        attempt.addListener(done -> loop.execute(() -> settled(address, attempt)));
        if (started < addresses.size()) {
            nextDial = loop.schedule(this::dialNext, STAGGER.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private void settled(PeerAddress address, ChannelFuture attempt) {
        if (attempt.isSuccess()) {
            if (winner.complete(new Socket(attempt.channel(), address))) {
                dialNext(); // cancels the next dial, as the race is won
                attempts.stream().filter(other -> other != attempt).forEach(other -> other.channel().close());
            } else {
                attempt.channel().close();
            }
            return;
        }
        if (winner.isDone()) {
            return;
        }
        failures.put(address, ConnectionHandler.describe(attempt.cause()));
        if (failures.size() == addresses.size()) {
            winner.completeExceptionally(new TransportException(failureMessage()));
        } else if (failures.size() == started) {
            dialNext();
        }
    }

    private String failureMessage() {
        return unreachable(addresses, failures).getMessage();
    }

    /** Says why each of {@code addresses} could not be reached, as {@code failures} has it. */
    static TransportException unreachable(List<PeerAddress> addresses, Map<PeerAddress, String> failures) {
        if (addresses.size() == 1) {
            String failure = failures.get(addresses.get(0));
            return new TransportException("Cannot reach " + addresses.get(0) + ": " + failure + (failure.endsWith("?") ? "" : "."));
        }
        return new TransportException("Cannot reach any of " + addresses.size() + " addresses: " + addresses.stream()
                .map(address -> address + " (" + failures.get(address) + ")").collect(Collectors.joining(", ")) + ".");
    }
}
