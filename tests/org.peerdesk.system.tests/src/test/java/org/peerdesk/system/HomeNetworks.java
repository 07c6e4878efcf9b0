package org.peerdesk.system;

import static org.peerdesk.system.NetworkCommands.must;
import static org.peerdesk.system.NetworkCommands.run;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Two homes behind routers, as most peers are, and the internet between them: each home a network namespace whose one
 * way out is its router, a namespace that translates its IPv4 addresses to its own (masquerade) and lets in only answers
 * to what went out, over IPv4 and IPv6 alike (nftables, as a home router's firewall does); both routers on an "internet"
 * namespace that routes between them and holds one address of its own, for a node that everyone reaches. IPv6 addresses
 * are not translated: each home has a /64 of its own, routed to it. Nothing touches this machine's own networks.
 * Made with iproute2 and nftables, which take root; a test without them is skipped, saying why (in CI, it fails).
 */
final class HomeNetworks implements AutoCloseable {

    /** How a router picks the port that a connection from its home leaves from. */
    enum Ports {
        /** The port the connection came from, where it is free, as most home routers do; dials at once get through. */
        KEPT,
        /** Any port, chosen at random for each connection: no peer can guess where to dial to meet one. */
        RANDOM
    }

    private final String prefix = "pdh" + ThreadLocalRandom.current().nextInt(10_000, 100_000);
    private final List<String> made = new ArrayList<>();
    private final Ports ports;

    HomeNetworks() throws Exception {
        this(Ports.KEPT);
    }

    HomeNetworks(Ports ports) throws Exception {
        this.ports = ports;
        try {
            if (run("ip", "netns", "list") != 0 || run("nft", "--version") != 0) {
                throw new IOException("iproute2 or nftables is not there");
            }
            add(internetName());
            must(internet(), "ip", "addr", "add", internetHost() + "/32", "dev", "lo");
            forwards(internetName());
            for (int home = 1; home <= 2; home++) {
                makeHome(home);
            }
        } catch (IOException e) {
            close();
            NetworkCommands.cannotMake(e.getMessage());
        }
    }

    private void makeHome(int home) throws Exception {
        String router = routerName(home); // the namespace
        add(router);
        add(homeName(home));
        forwards(router);
        String wan = prefix + "w" + home;
        link(wan, router, router(home), internetName(), "10.210." + home + ".1");
        must(on(router), "ip", "route", "add", "default", "via", "10.210." + home + ".1");
        String lan = prefix + "l" + home;
        link(lan, router, "192.168." + home + ".1", homeName(home), host(home));
        must(home(home), "ip", "route", "add", "default", "via", "192.168." + home + ".1");
        address6(router, wan + "a", "2001:db8:10:" + home + "::2");
        address6(internetName(), wan + "b", "2001:db8:10:" + home + "::1");
        must(internet(), "ip", "-6", "route", "add", "2001:db8:" + home + "::/64", "via", "2001:db8:10:" + home + "::2");
        must(on(router), "ip", "-6", "route", "add", "default", "via", "2001:db8:10:" + home + "::1");
        address6(router, lan + "a", "2001:db8:" + home + "::1");
        address6(homeName(home), lan + "b", host6(home));
        must(home(home), "ip", "-6", "route", "add", "default", "via", "2001:db8:" + home + "::1");
        NetworkCommands.mustWithInput("""
                table ip nat {
                  chain outgoing {
                    type nat hook postrouting priority 100;
                    oifname "%1$s" masquerade%3$s
                  }
                }
                table inet filter {
                  chain passing {
                    type filter hook forward priority 0; policy drop;
                    ct state established,related accept
                    iifname "%2$s" accept
                  }
                  chain arriving {
                    type filter hook input priority 0; policy accept;
                    iifname "%1$s" ct state established,related accept
                    iifname "%1$s" meta l4proto ipv6-icmp accept
                    iifname "%1$s" drop
                  }
                }
                """.formatted(wan + "a", lan + "a", ports == Ports.RANDOM ? " random" : ""), on(router), "nft", "-f", "-");
    }

    /** Has the router of {@code home} forward its TCP {@code port} to the node in that home, as a user does by hand. */
    void forward(int home, int port) throws Exception {
        NetworkCommands.mustWithInput("""
                table ip nat {
                  chain incoming {
                    type nat hook prerouting priority -100;
                    iifname "%1$s" tcp dport %2$d dnat to %3$s:%2$d
                  }
                }
                add rule inet filter passing ct status dnat accept
                """.formatted(prefix + "w" + home + "a", port, host(home)), on(routerName(home)), "nft", "-f", "-");
    }

    /** A veth pair named {@code name}: its end "a" in namespace {@code one} at {@code oneAddress}, "b" in {@code other}. */
    private void link(String name, String one, String oneAddress, String other, String otherAddress) throws Exception {
        must("ip", "link", "add", name + "a", "type", "veth", "peer", "name", name + "b");
        must("ip", "link", "set", name + "a", "netns", one);
        must("ip", "link", "set", name + "b", "netns", other);
        must(on(one), "ip", "addr", "add", oneAddress + "/24", "dev", name + "a");
        must(on(one), "ip", "link", "set", name + "a", "up");
        must(on(other), "ip", "addr", "add", otherAddress + "/24", "dev", name + "b");
        must(on(other), "ip", "link", "set", name + "b", "up");
    }

    /** Gives {@code device} in {@code namespace} an IPv6 address at once (no duplicate detection to wait for). */
    private void address6(String namespace, String device, String address) throws Exception {
        must(on(namespace), "ip", "-6", "addr", "add", address + "/64", "dev", device, "nodad");
    }

    private void add(String namespace) throws Exception {
        must("ip", "netns", "add", namespace);
        made.add(namespace);
        must(on(namespace), "ip", "link", "set", "lo", "up");
    }

    private void forwards(String namespace) throws Exception {
        must(on(namespace), "sh", "-c", "echo 1 > /proc/sys/net/ipv4/ip_forward && echo 1 > /proc/sys/net/ipv6/conf/all/forwarding");
    }

    private static List<String> on(String namespace) {
        return List.of("ip", "netns", "exec", namespace);
    }

    private String internetName() {
        return prefix + "-net";
    }

    private String routerName(int home) {
        return prefix + "-r" + home;
    }

    private String homeName(int home) {
        return prefix + "-h" + home;
    }

    /** What runs a command on the internet. */
    List<String> internet() {
        return on(internetName());
    }

    /** What runs a command in {@code home} (1 or 2), behind its router. */
    List<String> home(int home) {
        return on(homeName(home));
    }

    /** The internet's own address, which both homes reach. */
    String internetHost() {
        return "10.210.0.1";
    }

    /** The public address of {@code home}'s router, which its home's connections come from. */
    String router(int home) {
        return "10.210." + home + ".2";
    }

    /** The address of a node in {@code home}. */
    String host(int home) {
        return "192.168." + home + ".2";
    }

    /** The IPv6 address of a node in {@code home}, which its router passes on as it is. */
    String host6(int home) {
        return "2001:db8:" + home + "::2";
    }

    /** Removes the namespaces; their veth pairs and rules go with them. */
    @Override
    public void close() throws Exception {
        for (String namespace : made) {
            run("ip", "netns", "del", namespace);
        }
        made.clear();
    }
}
