package org.peerdesk.transport.core;

import java.io.IOException;
import java.net.InetAddress;
import java.time.Duration;

/** A router in front of this node that forwards a port to it when asked: by UPnP ({@link UpnpGateway}) or NAT-PMP ({@link NatPmpGateway}). */
interface Router {

    /** A forward the router made: the port on its external address, and for how long (zero: until removed). */
    record Forward(int externalPort, Duration lease) {
    }

    /** The router's address on the local network. */
    String host();

    /** How it was asked, for what the node says. */
    String protocol();

    /** The router's address on the internet, as it says. */
    InetAddress externalAddress() throws IOException;

    /** Asks the router to forward a TCP port to this machine's {@code port} for {@code lease}; says why not with an {@link IOException}. */
    Forward forward(int port, Duration lease) throws IOException;

    /** Removes the forward of {@code externalPort} to this machine's {@code port}. */
    void unforward(int externalPort, int port) throws IOException;
}
