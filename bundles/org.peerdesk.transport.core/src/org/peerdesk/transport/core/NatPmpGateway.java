package org.peerdesk.transport.core;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.PortUnreachableException;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * A router that forwards ports by NAT-PMP (RFC 6886): requests of a few bytes over UDP to its port 5351, each sent
 * again after 250 ms, then 500, 1000 and 2000 while it does not answer. Only answers from that address and port are
 * read, and one that is short, of another operation, or from a newer version is an {@link IOException} saying so.
 */
final class NatPmpGateway implements Router {

    static final int PORT = 5351;
    private static final List<Integer> WAITS_MILLIS = List.of(250, 500, 1000, 2000);
    private static final int EXTERNAL_ADDRESS = 0;
    private static final int MAP_TCP = 2;
    private static final int ANSWER = 128;
    private static final List<String> RESULTS = List.of("success", "it does not speak this version of NAT-PMP",
            "forwarding is turned off on it, or this machine may not ask", "it has no connection to the internet yet",
            "it has no ports left to forward", "it does not take this request");

    private final InetSocketAddress gateway;
    private final InetAddress local;

    private NatPmpGateway(InetSocketAddress gateway, InetAddress local) {
        this.gateway = gateway;
        this.local = local;
    }

    /** The router at {@code gateway} asked from {@code local}, if it answers NAT-PMP there. */
    static Optional<NatPmpGateway> find(InetSocketAddress gateway, InetAddress local) throws IOException {
        NatPmpGateway candidate = new NatPmpGateway(gateway, local);
        try {
            candidate.externalAddress();
            return Optional.of(candidate);
        } catch (SocketTimeoutException | PortUnreachableException silent) {
            return Optional.empty();
        }
    }

    @Override
    public String host() {
        return gateway.getAddress().getHostAddress();
    }

    @Override
    public String protocol() {
        return "NAT-PMP";
    }

    @Override
    public InetAddress externalAddress() throws IOException {
        ByteBuffer answer = ask(ByteBuffer.allocate(2).put((byte) 0).put((byte) EXTERNAL_ADDRESS), EXTERNAL_ADDRESS, 12);
        byte[] address = new byte[4];
        answer.get(8, address);
        return InetAddress.getByAddress(address);
    }

    @Override
    public Forward forward(int port, Duration lease) throws IOException {
        ByteBuffer answer = ask(mapping(port, port, lease), MAP_TCP, 16);
        int internal = Short.toUnsignedInt(answer.getShort(8));
        int external = Short.toUnsignedInt(answer.getShort(10));
        long granted = Integer.toUnsignedLong(answer.getInt(12));
        if (internal != port || external == 0 || granted == 0) {
            throw new IOException("the router answered with a forward of port " + external + " to " + internal + " for " + granted
                    + " s, not the one asked for");
        }
        return new Forward(external, Duration.ofSeconds(granted));
    }

    @Override
    public void unforward(int externalPort, int port) throws IOException {
        ask(mapping(port, 0, Duration.ZERO), MAP_TCP, 16);
    }

    private static ByteBuffer mapping(int internalPort, int externalPort, Duration lease) {
        return ByteBuffer.allocate(12).put((byte) 0).put((byte) MAP_TCP).putShort((short) 0).putShort((short) internalPort)
                .putShort((short) externalPort).putInt((int) Math.min(lease.toSeconds(), 0xffff_ffffL));
    }

    /** Sends {@code request} until the router answers {@code operation} with at least {@code length} bytes and success. */
    private ByteBuffer ask(ByteBuffer request, int operation, int length) throws IOException {
        try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress(local, 0))) {
            socket.connect(gateway); // the router's answers only
            byte[] buffer = new byte[64];
            for (int wait : WAITS_MILLIS) {
                socket.send(new DatagramPacket(request.array(), request.capacity()));
                socket.setSoTimeout(wait);
                DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
                try {
                    socket.receive(packet);
                } catch (SocketTimeoutException e) {
                    continue;
                }
                return answer(ByteBuffer.wrap(buffer, 0, packet.getLength()).slice(), operation, length);
            }
            throw new SocketTimeoutException("the router did not answer NAT-PMP");
        }
    }

    private ByteBuffer answer(ByteBuffer answer, int operation, int length) throws IOException {
        if (answer.remaining() < 4 || answer.get(0) != 0 || Byte.toUnsignedInt(answer.get(1)) != ANSWER + operation) {
            throw new IOException("the router's answer is not NAT-PMP's to what was asked");
        }
        int result = Short.toUnsignedInt(answer.getShort(2));
        if (result != 0) {
            throw new IOException("the router refused (NAT-PMP: " + (result < RESULTS.size() ? RESULTS.get(result) : "result " + result) + ")");
        }
        if (answer.remaining() < length) {
            throw new IOException("the router's NAT-PMP answer is " + answer.remaining() + " bytes, short of " + length);
        }
        return answer;
    }
}
