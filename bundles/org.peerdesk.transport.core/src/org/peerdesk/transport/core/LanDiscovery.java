package org.peerdesk.transport.core;

import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.net.DatagramPacket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.MulticastSocket;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.peerdesk.core.InvalidInputException;
import org.peerdesk.core.PeerId;
import org.peerdesk.core.Threads;
import org.peerdesk.identity.IdentityException;
import org.peerdesk.identity.NodeIdentity;
import org.peerdesk.transport.KnownPeer;
import org.peerdesk.transport.NearbyPeers;
import org.peerdesk.transport.PeerAddress;
import org.peerdesk.transport.PeerDirectory;
import org.peerdesk.transport.TransportException;
import org.peerdesk.transport.TransportService;

/**
 * Finds peers on the local networks: every {@link #INTERVAL} (and at start) this node multicasts a
 * signed {@link Announcement} on the interfaces it takes connections on; when one arrives from a
 * known peer this node is not connected to, it dials the announced addresses, the one the packet
 * came from first. Strangers are only listed, as {@link NearbyPeers}, for the user to add if they
 * choose: being nearby grants nothing. A stranger not heard lately is answered with an announcement
 * within a second, so that a node that just started hears its neighbours at once, not at their next
 * round; at most one such answer goes out per {@link #ANSWER_SPACING}, however many strangers appear.
 * The framework property {@value #PROPERTY} sets the group as {@code address:port}, or {@code off}.
 */
@Component(immediate = true, service = NearbyPeers.class)
public final class LanDiscovery implements NearbyPeers {

    public static final String PROPERTY = "peerdesk.discovery";
    static final String DEFAULT_GROUP = "239.192.73.42:22073";
    static final Duration INTERVAL = Duration.ofSeconds(30);
    static final Duration ANSWER_SPACING = Duration.ofSeconds(5);
    private static final int ANSWER_JITTER_MILLIS = 1000;

    private static final Logger LOG = System.getLogger(LanDiscovery.class.getName());

    private final NodeIdentity identity;
    private final TransportService transport;
    private final PeerDirectory directory;
    private final Clock clock = Clock.systemUTC();
    private final ReplayGuard replays = new ReplayGuard(clock);
    private final NearbyList nearby = new NearbyList(clock);
    private final SecureRandom random = new SecureRandom();
    private final AtomicBoolean answering = new AtomicBoolean();
    private final ScheduledExecutorService threads = Executors.newScheduledThreadPool(2, Threads.daemon("peerdesk-discovery"));
    private final Optional<InetSocketAddress> group;
    private final MulticastSocket socket;

    @Activate
    public LanDiscovery(@Reference NodeIdentity identity, @Reference TransportService transport,
            @Reference PeerDirectory directory, BundleContext context) throws IOException, InvalidInputException {
        this.identity = identity;
        this.transport = transport;
        this.directory = directory;
        this.group = group(context.getProperty(PROPERTY));
        if (group.isEmpty()) {
            this.socket = null;
            LOG.log(Level.INFO, "LAN discovery is off");
            return;
        }
        this.socket = new MulticastSocket(null);
        socket.setReuseAddress(true);
        socket.bind(new InetSocketAddress(group.get().getPort()));
        for (NetworkInterface network : interfaces()) {
            try {
                socket.joinGroup(group.get(), network);
            } catch (IOException e) {
                LOG.log(Level.DEBUG, "Not listening for announcements on {0}: {1}", network.getName(), e.getMessage());
            }
        }
        threads.execute(this::receive);
        threads.scheduleAtFixedRate(this::announce, 0, INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
        LOG.log(Level.INFO, "Announcing this node on the local networks at {0}", group.get());
    }

    static Optional<InetSocketAddress> group(String setting) throws InvalidInputException {
        String value = setting == null || setting.isBlank() ? DEFAULT_GROUP : setting.strip();
        if (value.equals("off")) {
            return Optional.empty();
        }
        PeerAddress address = PeerAddress.parse(value);
        InetSocketAddress socketAddress = new InetSocketAddress(address.host(), address.port());
        if (socketAddress.getAddress() == null || !socketAddress.getAddress().isMulticastAddress()) {
            throw new InvalidInputException(PROPERTY + ": " + value + " is not a multicast group address.");
        }
        return Optional.of(socketAddress);
    }

    private static List<NetworkInterface> interfaces() throws SocketException {
        List<NetworkInterface> up = new ArrayList<>();
        for (NetworkInterface network : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            if (network.isUp()) {
                up.add(network); // the loopback too: nodes on one machine find each other there
            }
        }
        return up;
    }

    /** The interfaces that carry an address this node listens on: announcing elsewhere would mislead. */
    private static List<NetworkInterface> interfacesServing(List<PeerAddress> listening) throws SocketException {
        List<String> hosts = listening.stream().map(PeerAddress::host).toList();
        List<NetworkInterface> serving = new ArrayList<>();
        for (NetworkInterface network : interfaces()) {
            if (Collections.list(network.getInetAddresses()).stream()
                    .anyMatch(address -> hosts.contains(address.getHostAddress().replaceAll("%.*$", "")))) {
                serving.add(network);
            }
        }
        return serving;
    }

    private void announce() {
        if (transport.superseded() || transport.refusedByAPeer()) {
            return; // its peers would take this machine's addresses for the node's, which runs elsewhere
        }
        try {
            List<PeerAddress> listening = transport.listenAddresses();
            byte[] packet = new Announcement(identity.peerId(), identity.displayName(), listening, clock.instant(), random.nextLong())
                    .sign(identity);
            for (NetworkInterface network : interfacesServing(listening)) {
                try {
                    socket.setNetworkInterface(network);
                    socket.send(new DatagramPacket(packet, packet.length, group.get()));
                } catch (IOException e) {
                    LOG.log(Level.DEBUG, "Cannot announce on {0}: {1}", network.getName(), e.getMessage());
                }
            }
        } catch (IdentityException | IOException | RuntimeException e) {
            LOG.log(Level.WARNING, "Cannot announce this node: {0}", e.toString());
        }
    }

    private void receive() {
        byte[] buffer = new byte[Announcement.MAX_SIZE + 1];
        while (!socket.isClosed()) {
            DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
            try {
                socket.receive(packet);
            } catch (IOException e) {
                if (!socket.isClosed()) {
                    LOG.log(Level.WARNING, "LAN discovery stopped listening: {0}", e.getMessage());
                }
                return;
            }
            InetAddress source = packet.getAddress();
            Announcement.verify(buffer, packet.getLength())
                    .filter(announcement -> !announcement.peer().equals(identity.peerId()))
                    .filter(replays::accept)
                    .ifPresent(announcement -> threads.execute(() -> consider(announcement, source)));
        }
    }

    @Override
    public boolean listening() {
        return group.isPresent();
    }

    @Override
    public List<Nearby> nearby() {
        try {
            Set<PeerId> known = directory.peers().stream().map(KnownPeer::id).collect(Collectors.toSet());
            return nearby.recent().stream().filter(peer -> !known.contains(peer.id())).toList();
        } catch (TransportException e) {
            LOG.log(Level.WARNING, "Cannot read the known peers: {0}", e.getMessage());
            return List.of();
        }
    }

    private void consider(Announcement announcement, InetAddress source) {
        PeerId peer = announcement.peer();
        String sourceHost = source.getHostAddress().replaceAll("%.*$", "");
        List<PeerAddress> candidates = announcement.addresses().stream()
                .sorted(Comparator.comparing((PeerAddress address) -> !address.host().equals(sourceHost))).toList();
        try {
            if (directory.find(peer).isEmpty()) {
                if (nearby.heard(announcement, candidates)) {
                    answerNewcomer();
                }
                return;
            }
            if (transport.directConnection(peer).isPresent()) {
                return; // one that comes through a relay is replaced by the direct one dialed here
            }
            LOG.log(Level.INFO, "Found {0} on the local network at {1}", peer.shortForm(), candidates);
            transport.connect(peer, candidates);
        } catch (TransportException e) {
            LOG.log(Level.WARNING, "Cannot look up {0}: {1}", peer.shortForm(), e.getMessage());
        }
    }

    /** Announces this node after a random moment, unless an answer went out or is about to within the spacing. */
    private void answerNewcomer() {
        if (answering.compareAndSet(false, true)) {
            long delay = random.nextInt(ANSWER_JITTER_MILLIS);
            threads.schedule(this::announce, delay, TimeUnit.MILLISECONDS);
            threads.schedule(() -> answering.set(false), delay + ANSWER_SPACING.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    @Deactivate
    void stop() {
        threads.shutdownNow();
        if (socket != null) {
            socket.close();
        }
    }
}
