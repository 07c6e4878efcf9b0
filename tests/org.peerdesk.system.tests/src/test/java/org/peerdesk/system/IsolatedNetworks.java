package org.peerdesk.system;

import static org.peerdesk.system.NetworkCommands.must;
import static org.peerdesk.system.NetworkCommands.run;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Two networks that cannot reach each other, both reachable from this machine: a network namespace each, joined to
 * this machine's own by a veth pair, with a route to {@link #server} and none onward. A node in one reaches a node here
 * listening there, never one in the other, as two homes behind their routers reach a server but not each other; a node
 * here listening at {@link #server} announces itself on the first network alone, never on this machine's real ones.
 * Made with iproute2, which takes root; a test without it is skipped, saying why (in CI, which runs as root, it fails).
 */
final class IsolatedNetworks implements AutoCloseable {

    private final String prefix = "pdt" + ThreadLocalRandom.current().nextInt(10_000, 100_000);
    private final List<String> made = new ArrayList<>();

    IsolatedNetworks() throws Exception {
        try {
            if (run("ip", "netns", "list") != 0) {
                throw new IOException("iproute2 is not there");
            }
            for (int network = 1; network <= 2; network++) {
                make(network);
            }
        } catch (IOException e) {
            close();
            NetworkCommands.cannotMake(e.getMessage());
        }
    }

    private void make(int network) throws Exception {
        String namespace = namespace(network);
        String outside = prefix + "o" + network;
        String inside = prefix + "i" + network;
        must("ip", "netns", "add", namespace);
        made.add(namespace);
        must("ip", "link", "add", outside, "type", "veth", "peer", "name", inside);
        must("ip", "link", "set", inside, "netns", namespace);
        must("ip", "addr", "add", gateway(network) + "/24", "dev", outside);
        must("ip", "link", "set", outside, "up");
        must("ip", "netns", "exec", namespace, "ip", "addr", "add", host(network) + "/24", "dev", inside);
        must("ip", "netns", "exec", namespace, "ip", "link", "set", inside, "up");
        must("ip", "netns", "exec", namespace, "ip", "link", "set", "lo", "up");
        if (network != 1) {
            must("ip", "netns", "exec", namespace, "ip", "route", "add", server() + "/32", "dev", inside);
        }
    }

    private String namespace(int network) {
        return prefix + "-" + network;
    }

    /** What runs a command on {@code network} (1 or 2). */
    List<String> on(int network) {
        return List.of("ip", "netns", "exec", namespace(network));
    }

    /** The address of a node on {@code network}. */
    String host(int network) {
        return "10.201." + network + ".2";
    }

    /** This machine's address on {@code network}. */
    private String gateway(int network) {
        return "10.201." + network + ".1";
    }

    /** The address here that both networks reach: the first network's gateway. */
    String server() {
        return gateway(1);
    }

    /** Removes the namespaces; their veth pairs go with them. */
    @Override
    public void close() throws Exception {
        for (String namespace : made) {
            run("ip", "netns", "del", namespace);
        }
        made.clear();
    }
}
