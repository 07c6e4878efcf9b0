package org.peerdesk.backup.core;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.peerdesk.core.PeerId;
import org.peerdesk.testing.PipeStream;
import org.peerdesk.transport.ProtocolId;
import org.peerdesk.transport.Stream;

/**
 * Backup nodes in one test, joined by in-memory streams; a node is reachable while it is online. A node that
 * {@linkplain #startsAlone starts alone} is connected to no one: it hears the others on the "local network" and
 * reaches those it connects to.
 */
final class TestNet implements AutoCloseable {

    private final Map<PeerId, TestNode> nodes = new ConcurrentHashMap<>();
    private final Set<PeerId> online = ConcurrentHashMap.newKeySet();
    private final Map<PeerId, Set<PeerId>> reachedAlone = new ConcurrentHashMap<>();
    private final Map<PeerId, Set<PeerId>> kept = new ConcurrentHashMap<>();
    private final Set<PeerId> far = ConcurrentHashMap.newKeySet();
    private final ExecutorService servers = Executors.newCachedThreadPool();

    void join(TestNode node) {
        nodes.put(node.id, node);
        online.add(node.id);
    }

    void setOnline(TestNode node, boolean up) {
        if (up) {
            online.add(node.id);
        } else {
            online.remove(node.id);
        }
    }

    /** Makes the node {@code id} connected to no one until it connects. */
    void startsAlone(PeerId id) {
        reachedAlone.put(id, ConcurrentHashMap.newKeySet());
    }

    /** As {@link #startsAlone}, on a network of its own: it hears no one either. */
    void startsFar(PeerId id) {
        startsAlone(id);
        far.add(id);
    }

    /** The peers a node made known peers of its own. */
    Set<PeerId> kept(TestNode node) {
        return kept.getOrDefault(node.id, Set.of());
    }

    /** The peers a node that started alone is connected to. */
    Set<PeerId> reachedAlone(TestNode node) {
        return Set.copyOf(reachedAlone.get(node.id));
    }

    Streams streamsOf(TestNode from) {
        return new Streams() {
            @Override
            public boolean connected(PeerId peer) {
                Set<PeerId> reached = reachedAlone.get(from.id);
                return online.contains(peer) && online.contains(from.id) && nodes.containsKey(peer)
                        && (reached == null || reached.contains(peer));
            }

            @Override
            public List<PeerId> connectedPeers() {
                return nodes.keySet().stream().filter(peer -> !peer.equals(from.id) && connected(peer)).toList();
            }

            @Override
            public Stream open(PeerId peer, ProtocolId protocol) throws IOException {
                if (!connected(peer)) {
                    throw new IOException(peer.shortForm() + " is not connected");
                }
                PipeStream[] ends = PipeStream.pair(from.id, peer, protocol);
                TestNode server = nodes.get(peer);
                servers.execute(() -> {
                    try (Stream end = ends[1]) {
                        server.backups.server.serve(end);
                    } catch (Exception e) {
                        // the owner went away or sent garbage: the server's part is over
                    }
                });
                return ends[0];
            }

            @Override
            public String addressOf(PeerId peer) {
                return "127.0.0.1:1";
            }

            @Override
            public List<String> addressesOf(PeerId peer) {
                return List.of("127.0.0.1:1");
            }

            @Override
            public boolean connect(PeerId peer, String address) {
                Set<PeerId> reached = reachedAlone.get(from.id);
                if (reached != null && online.contains(peer)) {
                    reached.add(peer);
                }
                return connected(peer);
            }

            @Override
            public List<Heard> heardNearby() {
                Set<PeerId> reached = reachedAlone.get(from.id);
                return reached == null || far.contains(from.id) ? List.of() : nodes.keySet().stream()
                        .filter(peer -> !peer.equals(from.id) && online.contains(peer) && !reached.contains(peer))
                        .map(peer -> new Heard(peer, List.of("127.0.0.1:1"))).toList();
            }

            @Override
            public void keep(PeerId peer) {
                kept.computeIfAbsent(from.id, any -> ConcurrentHashMap.newKeySet()).add(peer);
            }

            @Override
            public void release(PeerId peer) {
                Set<PeerId> reached = reachedAlone.get(from.id);
                if (reached != null && !kept(from).contains(peer)) {
                    reached.remove(peer);
                }
            }
        };
    }

    @Override
    public void close() {
        servers.shutdownNow();
    }
}
