package org.peerdesk.testing;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A home router that forwards ports by NAT-PMP (RFC 6886), answering on a UDP port of this machine (a real one answers on
 * its port 5351): it gives its external address, forwards TCP ports for the lifetime asked (at most {@link #MAX_LIFETIME}
 * seconds), gives the next free port when the one suggested is another machine's, and removes a forward asked for with a
 * lifetime of 0. It can also refuse every request with a result code, or answer nothing.
 */
public final class FakeNatPmpRouter implements AutoCloseable {

    public static final int MAX_LIFETIME = 1800;
    /** NAT-PMP's result for a router on which forwarding is turned off. */
    public static final int NOT_AUTHORIZED = 2;

    /** An external port forwarded to {@code client}'s {@code internalPort} for {@code lifetime} seconds. */
    public record Forward(int internalPort, String client, long lifetime) {
    }

    private final Map<Integer, Forward> forwards = new ConcurrentHashMap<>();
    private final DatagramSocket socket;
    private final Thread responder;
    private final long started = System.nanoTime();
    private volatile InetAddress external;
    private volatile int refusal;
    private volatile boolean silent;

    /** A router at {@code address} (on this machine) whose own address on the internet is {@code external}, an IPv4 address. */
    public FakeNatPmpRouter(InetAddress address, String external) throws IOException {
        this.external = InetAddress.getByName(external);
        this.socket = new DatagramSocket(new InetSocketAddress(address, 0));
        this.responder = Thread.ofVirtual().start(this::respond);
    }

    /** Where it answers NAT-PMP. */
    public InetSocketAddress address() {
        return new InetSocketAddress(socket.getLocalAddress(), socket.getLocalPort());
    }

    /** The ports it forwards now, by external port; the test may add forwards of other machines. */
    public Map<Integer, Forward> forwards() {
        return forwards;
    }

    /** Refuses every request with NAT-PMP result {@code result} (0: refuses nothing). */
    public void refuse(int result) {
        this.refusal = result;
    }

    /** Answers nothing (NAT-PMP turned off on it). */
    public void silent(boolean silent) {
        this.silent = silent;
    }

    private void respond() {
        byte[] buffer = new byte[64];
        while (!socket.isClosed()) {
            try {
                DatagramPacket request = new DatagramPacket(buffer, buffer.length);
                socket.receive(request);
                if (!silent && request.getLength() >= 2 && buffer[0] == 0) {
                    ByteBuffer answer = answer(ByteBuffer.wrap(buffer, 0, request.getLength()).slice(), request.getAddress());
                    socket.send(new DatagramPacket(answer.array(), answer.position(), request.getSocketAddress()));
                }
            } catch (IOException e) {
                // closed, or one datagram lost: the client asks again
            }
        }
    }

    private ByteBuffer answer(ByteBuffer request, InetAddress client) {
        int operation = request.get(1);
        ByteBuffer answer = ByteBuffer.allocate(16).put((byte) 0).put((byte) (128 + operation));
        if (refusal != 0 || operation == 0 || request.remaining() < 12) {
            answer.putShort((short) refusal).putInt(secondsSinceStart());
            return operation == 0 && refusal == 0 ? answer.put(external.getAddress()) : answer;
        }
        int internal = Short.toUnsignedInt(request.getShort(4));
        int suggested = Short.toUnsignedInt(request.getShort(6));
        long lifetime = Integer.toUnsignedLong(request.getInt(8));
        answer.putShort((short) 0).putInt(secondsSinceStart()).putShort((short) internal);
        String from = client.getHostAddress();
        if (lifetime == 0) {
            forwards.values().removeIf(forward -> forward.client().equals(from) && forward.internalPort() == internal);
            return answer.putShort((short) 0).putInt(0);
        }
        int port = suggested == 0 ? internal : suggested;
        while (forwards.containsKey(port) && !forwards.get(port).client().equals(from)) {
            port++;
        }
        long granted = Math.min(lifetime, MAX_LIFETIME);
        forwards.put(port, new Forward(internal, from, granted));
        return answer.putShort((short) port).putInt((int) granted);
    }

    private int secondsSinceStart() {
        return (int) ((System.nanoTime() - started) / 1_000_000_000L);
    }

    @Override
    public void close() {
        socket.close();
        responder.interrupt();
    }
}
