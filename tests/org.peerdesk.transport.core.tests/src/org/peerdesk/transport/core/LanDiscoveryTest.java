package org.peerdesk.transport.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.reflect.Proxy;
import java.net.DatagramPacket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.MulticastSocket;
import java.net.NetworkInterface;
import java.net.SocketTimeoutException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.BundleContext;
import org.peerdesk.core.PeerId;
import org.peerdesk.identity.core.LocalIdentity;
import org.peerdesk.transport.ConnectedPeer;
import org.peerdesk.transport.PeerAddress;
import org.peerdesk.transport.ProtocolId;
import org.peerdesk.transport.Stream;
import org.peerdesk.transport.TransportException;

/** Real announcements on a multicast group over loopback, as a listener on that group hears them. */
class LanDiscoveryTest {

    @TempDir
    Path home;

    @Test
    void aMachineThatAnotherTookThePlaceOfOrThatPeersRefuseAsACopyAnnouncesNothingWhileItsNeighboursDo() throws Exception {
        int port = 30000 + new Random().nextInt(20000);
        InetSocketAddress group = new InetSocketAddress("239.192.73.42", port);
        try (MulticastSocket listener = new MulticastSocket(null)) {
            listener.setReuseAddress(true);
            listener.bind(new InetSocketAddress(port));
            listener.joinGroup(group, NetworkInterface.getByInetAddress(InetAddress.getLoopbackAddress()));
            listener.setSoTimeout(200);
            LocalIdentity oldLaptop = LocalIdentity.inFolder(home.resolve("old-laptop"));
            LocalIdentity ben = LocalIdentity.inFolder(home.resolve("ben"));
            LocalIdentity clonedMachine = LocalIdentity.inFolder(home.resolve("cloned"));
            LanDiscovery superseded = new LanDiscovery(oldLaptop, new Listening(true, false), new ReadOnlyDirectory(Map.of()), joining(group));
            LanDiscovery refused = new LanDiscovery(clonedMachine, new Listening(false, true), new ReadOnlyDirectory(Map.of()), joining(group));
            LanDiscovery neighbour = new LanDiscovery(ben, new Listening(false, false), new ReadOnlyDirectory(Map.of()), joining(group));
            try {
                assertEquals(Set.of(ben.peerId()), heard(listener, Duration.ofSeconds(3)), "all would announce as they start");
            } finally {
                superseded.stop();
                refused.stop();
                neighbour.stop();
            }
        }
    }

    /** The peers whose announcements {@code listener} hears within {@code time}. */
    private static Set<PeerId> heard(MulticastSocket listener, Duration time) throws Exception {
        Set<PeerId> heard = new HashSet<>();
        byte[] buffer = new byte[Announcement.MAX_SIZE + 1];
        long end = System.nanoTime() + time.toNanos();
        while (System.nanoTime() < end) {
            DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
            try {
                listener.receive(packet);
                Announcement.verify(buffer, packet.getLength()).ifPresent(announcement -> heard.add(announcement.peer()));
            } catch (SocketTimeoutException e) {
                // nothing in this moment
            }
        }
        return heard;
    }

    private static BundleContext joining(InetSocketAddress group) {
        String setting = group.getHostString() + ":" + group.getPort();
        return (BundleContext) Proxy.newProxyInstance(LanDiscoveryTest.class.getClassLoader(), new Class<?>[] {BundleContext.class},
                (proxy, method, arguments) -> method.getName().equals("getProperty") && LanDiscovery.PROPERTY.equals(arguments[0])
                        ? setting : null);
    }

    /** A node listening on loopback that dials nobody; {@code superseded}, or {@code refused} as a copy, as its peers told it. */
    private static final class Listening extends FakeConnections {

        private final boolean superseded;
        private final boolean refused;

        Listening(boolean superseded, boolean refused) {
            this.superseded = superseded;
            this.refused = refused;
        }

        @Override
        public boolean refusedByAPeer() {
            return refused;
        }

        @Override
        public List<PeerAddress> listenAddresses() {
            return List.of(new PeerAddress("127.0.0.1", 22070));
        }

        @Override
        public boolean superseded() {
            return superseded;
        }

        @Override
        public CompletionStage<ConnectedPeer> connect(PeerId expected, List<PeerAddress> addresses) {
            return CompletableFuture.failedFuture(new TransportException("nobody is dialed in this test"));
        }

        @Override
        public CompletionStage<Stream> openStream(PeerId peer, ProtocolId protocol) {
            return CompletableFuture.failedFuture(new TransportException("no stream is opened in this test"));
        }
    }
}
