package org.peerdesk.transport.core;

import java.io.IOException;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The router a network interface sends to the internet through, read from Linux's routing table; Java has no
 * way to ask, so on other systems there is none and NAT-PMP is not tried.
 */
final class DefaultGateway {

    private static final Path ROUTES = Path.of("/proc/net/route");
    private static final int GATEWAY_FLAG = 0x2;

    private DefaultGateway() {
    }

    /** The default gateway of the interface that has {@code local}, if the system says. */
    static Optional<InetAddress> of(InetAddress local) {
        try {
            NetworkInterface network = NetworkInterface.getByInetAddress(local);
            if (network == null || !Files.isReadable(ROUTES)) {
                return Optional.empty();
            }
            return in(Files.readString(ROUTES), network.getName());
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /**
     * The default gateway of {@code network} in {@code routes}, a table as /proc/net/route writes it: a heading, then one
     * route a line, the addresses in hex with their bytes in reverse order.
     */
    static Optional<InetAddress> in(String routes, String network) {
        for (String line : routes.lines().skip(1).toList()) {
            String[] fields = line.strip().split("\\s+");
            if (fields.length >= 8 && fields[0].equals(network) && fields[1].equals("00000000") && fields[7].equals("00000000")
                    && (hex(fields[3]) & GATEWAY_FLAG) != 0) {
                long gateway = hex(fields[2]);
                try {
                    return Optional.of(InetAddress.getByAddress(new byte[] {(byte) gateway, (byte) (gateway >> 8),
                        (byte) (gateway >> 16), (byte) (gateway >> 24)}));
                } catch (UnknownHostException e) {
                    return Optional.empty(); // four bytes always make an address
                }
            }
        }
        return Optional.empty();
    }

    private static long hex(String field) {
        try {
            return Long.parseLong(field, 16);
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
