package org.peerdesk.transport.core;

import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.Supplier;

import org.peerdesk.transport.PeerAddress;
import org.peerdesk.transport.PortMapping.State;
import org.peerdesk.transport.PortMapping.Status;

/**
 * Keeps a port forwarded to this node by the router in front of it: finds the router, asks it to forward the port
 * the node listens on (the next ones if another machine has that one), renews the forward before its lease ends,
 * asks again later when no router answered or it refused, and removes the forward when turned off or stopped. All of
 * it runs on the one thread of {@code scheduler}.
 */
final class PortMapper {

    /** Finds the router that forwards to a local address, if there is one. */
    interface Search {
        Optional<? extends Router> find(InetAddress local) throws IOException;
    }

    private static final Duration LEASE = Duration.ofHours(1);
    private static final Duration ASK_AGAIN = Duration.ofMinutes(10);
    private static final Logger LOG = System.getLogger(PortMapper.class.getName());

    private final Search search;
    private final Supplier<List<InetSocketAddress>> forwardable;
    private final ScheduledExecutorService scheduler;
    private final Consumer<Status> changed;
    private volatile Status status = new Status(State.LOOKING, Optional.empty(), "Looking for the router");
    private Forward forward;
    private ScheduledFuture<?> next;

    /** The forward this node has: its router, the port on the router's external address, the port here. */
    private record Forward(Router router, int externalPort, int port) {
    }

    /**
     * {@code forwardable}: this machine's addresses, with the port the node listens on, that a router may forward to;
     * {@code changed} hears each new status.
     */
    PortMapper(Search search, Supplier<List<InetSocketAddress>> forwardable, ScheduledExecutorService scheduler, Consumer<Status> changed) {
        this.search = search;
        this.forwardable = forwardable;
        this.scheduler = scheduler;
        this.changed = changed;
    }

    Status status() {
        return status;
    }

    /** Turned on (or started on): asks the router now, and says so at once unless it forwards already. */
    void turnOn() {
        if (status.state() != State.FORWARDED) {
            say(new Status(State.LOOKING, Optional.empty(), "Looking for the router"));
        }
        scheduler.execute(this::ask);
    }

    /** Turned off: removes the forward, waiting a few seconds at most for the router. */
    void turnOff() {
        removeForward(() -> say(new Status(State.OFF, Optional.empty(), "Off: the router is not asked to forward a port")));
    }

    /** The node stops: removes the forward, waiting a few seconds at most for the router. */
    void stop() {
        removeForward(() -> { });
    }

    private void removeForward(Runnable then) {
        Future<?> removed = scheduler.submit(() -> {
            cancelNext();
            remove();
            then.run();
        });
        try {
            removed.get(UpnpGateway.TIMEOUT_MILLIS + 1000, TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            LOG.log(Level.INFO, "The router's port forward was not removed in time; its lease ends it");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void ask() {
        cancelNext();
        List<InetSocketAddress> from = forwardable.get();
        if (from.isEmpty()) {
            say(new Status(State.NOT_NEEDED, Optional.empty(),
                    "Not needed: this node listens only on addresses no router forwards to (loopback or public ones)"));
            return;
        }
        for (InetSocketAddress local : from) {
            try {
                Optional<? extends Router> router = search.find(local.getAddress());
                if (router.isPresent()) {
                    forwardFrom(router.get(), local.getPort());
                    return;
                }
            } catch (IOException e) {
                failed("The router did not forward a port: " + e.getMessage());
                return;
            }
        }
        forward = null;
        say(new Status(State.NO_ROUTER, Optional.empty(), "No router answered (UPnP and NAT-PMP may be off on it); asking again every "
                + ASK_AGAIN.toMinutes() + " minutes"));
        later(ASK_AGAIN);
    }

    private void forwardFrom(Router router, int port) throws IOException {
        InetAddress external = router.externalAddress();
        Router.Forward granted = router.forward(port, LEASE);
        if (forward != null && forward.externalPort() != granted.externalPort()) {
            remove();
        }
        forward = new Forward(router, granted.externalPort(), port);
        PeerAddress address = new PeerAddress(external.getHostAddress(), granted.externalPort());
        String by = router.host() + " (" + router.protocol() + ")";
        if (isPrivate(external)) {
            say(new Status(State.BEHIND_ANOTHER_NAT, Optional.empty(), "The router at " + by + " forwards port "
                    + granted.externalPort() + ", but its own address " + external.getHostAddress()
                    + " is private: another router or the provider's NAT is in front of it, so peers elsewhere cannot dial it there"));
        } else {
            say(new Status(State.FORWARDED, Optional.of(address), "The router at " + by + " forwards " + address.shown()
                    + " to this node; invites name it"));
            LOG.log(Level.INFO, "The router at {0} forwards {1} to this node", by, address.shown());
        }
        later(renewal(granted.lease()));
    }

    /** Halfway through the lease granted (a forward without one is asked for again as one of an hour would be). */
    private static Duration renewal(Duration granted) {
        return (granted.isZero() || granted.compareTo(LEASE) > 0 ? LEASE : granted).dividedBy(2);
    }

    private void say(Status now) {
        Status before = status;
        status = now;
        if (!now.equals(before)) {
            changed.accept(now);
        }
    }

    private void failed(String said) {
        say(new Status(State.FAILED, Optional.empty(), said + "; asking again every " + ASK_AGAIN.toMinutes() + " minutes"));
        LOG.log(Level.INFO, said);
        later(ASK_AGAIN);
    }

    private void remove() {
        if (forward == null) {
            return;
        }
        try {
            forward.router().unforward(forward.externalPort(), forward.port());
        } catch (IOException e) {
            LOG.log(Level.INFO, "The router at {0} did not remove its forward of port {1}: {2}", forward.router().host(),
                    forward.externalPort(), e.getMessage());
        }
        forward = null;
    }

    private void later(Duration delay) {
        next = scheduler.schedule(this::ask, delay.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void cancelNext() {
        if (next != null) {
            next.cancel(false);
            next = null;
        }
    }

    /** Not reachable from the internet: private, shared (carrier-grade NAT), link-local, loopback or unspecified. */
    static boolean isPrivate(InetAddress address) {
        byte[] bytes = address.getAddress();
        boolean shared = bytes.length == 4 && (bytes[0] & 0xff) == 100 && (bytes[1] & 0xc0) == 64;
        return shared || address.isSiteLocalAddress() || address.isLinkLocalAddress() || address.isLoopbackAddress()
                || address.isAnyLocalAddress();
    }
}
