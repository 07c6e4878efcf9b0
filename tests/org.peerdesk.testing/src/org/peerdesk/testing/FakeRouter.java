package org.peerdesk.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A home router that forwards ports when asked, as UPnP Internet gateway devices do: an SSDP responder (searched for at
 * {@link #ssdp()} by unicast, where a real one is found by multicast), its device description and a WANIPConnection
 * service that keeps the forwards it is asked for. It can also misbehave as routers do: answer nothing, take only
 * permanent forwards, describe itself with anything at all, or refuse every call.
 */
public final class FakeRouter implements AutoCloseable {

    public static final String SERVICE = "urn:schemas-upnp-org:service:WANIPConnection:1";
    /** UPnP's error for a port forwarded to another machine already. */
    public static final int CONFLICT = 718;
    /** UPnP's error from a router that takes only forwards without a lease. */
    public static final int PERMANENT_ONLY = 725;

    /** A port forwarded to {@code client}'s {@code internalPort}, for {@code lease} seconds (0: until removed). */
    public record Forward(int internalPort, String client, int lease, String description) {
    }

    private static final Pattern ARGUMENT = Pattern.compile("<(New[A-Za-z]+)>([^<]*)</\\1>");

    private final Map<Integer, Forward> forwards = new ConcurrentHashMap<>();
    private final InetAddress address;
    private final DatagramSocket ssdp;
    private final HttpServer http;
    private final Thread responder;
    private volatile boolean silent;
    private volatile boolean permanentOnly;
    private volatile String external;
    private volatile String description;
    private volatile int refusal;
    private volatile String locatedAt;

    /** A router at {@code address} (on this machine) whose own address on the internet is {@code external}. */
    public FakeRouter(InetAddress address, String external) throws IOException {
        this.address = address;
        this.external = external;
        this.ssdp = new DatagramSocket(new InetSocketAddress(address, 0));
        this.http = HttpServer.create(new InetSocketAddress(address, 0), 0);
        http.createContext("/rootDesc.xml", exchange -> answer(exchange, 200, description != null ? description : standardDescription()));
        http.createContext("/ctl/IPConn", this::control);
        http.start();
        responder = Thread.ofVirtual().start(this::respond);
    }

    /** Where it answers SSDP searches. */
    public InetSocketAddress ssdp() {
        return new InetSocketAddress(address, ssdp.getLocalPort());
    }

    /** The ports it forwards now, by external port; the test may add forwards of other machines. */
    public Map<Integer, Forward> forwards() {
        return forwards;
    }

    /** Answers no search (UPnP turned off on it). */
    public void silent(boolean silent) {
        this.silent = silent;
    }

    /** Refuses forwards with a lease (error 725), as some routers do. */
    public void permanentOnly(boolean permanentOnly) {
        this.permanentOnly = permanentOnly;
    }

    public void external(String external) {
        this.external = external;
    }

    /** Describes itself with {@code description} instead of a proper device description (null: the proper one again). */
    public void description(String description) {
        this.description = description;
    }

    /** Answers searches with a description on {@code host} (another machine's, say) instead of its own address (null: its own). */
    public void locatedAt(String host) {
        this.locatedAt = host;
    }

    /** Refuses every call with UPnP error {@code code} (0: refuses nothing). */
    public void refuse(int code) {
        this.refusal = code;
    }

    private String standardDescription() {
        return "<?xml version=\"1.0\"?><root xmlns=\"urn:schemas-upnp-org:device-1-0\"><device><deviceList><device><deviceList><device>"
                + "<serviceList><service><serviceType>" + SERVICE + "</serviceType><controlURL>/ctl/IPConn</controlURL></service>"
                + "</serviceList></device></deviceList></device></deviceList></device></root>";
    }

    private void respond() {
        byte[] buffer = new byte[2048];
        while (!ssdp.isClosed()) {
            try {
                DatagramPacket search = new DatagramPacket(buffer, buffer.length);
                ssdp.receive(search);
                if (silent || !new String(buffer, 0, search.getLength(), StandardCharsets.US_ASCII).startsWith("M-SEARCH")) {
                    continue;
                }
                byte[] reply = ("HTTP/1.1 200 OK\r\nCACHE-CONTROL: max-age=120\r\nST: urn:schemas-upnp-org:device:InternetGatewayDevice:1\r\n"
                        + "Location: http://" + (locatedAt == null ? address.getHostAddress() : locatedAt) + ":" + http.getAddress().getPort()
                        + "/rootDesc.xml\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII);
                ssdp.send(new DatagramPacket(reply, reply.length, search.getSocketAddress()));
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private void control(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        String action = String.valueOf(exchange.getRequestHeaders().getFirst("SOAPAction")).replaceAll("^\".*#|\"$", "");
        Map<String, String> arguments = new ConcurrentHashMap<>();
        Matcher argument = ARGUMENT.matcher(body);
        while (argument.find()) {
            arguments.put(argument.group(1), argument.group(2));
        }
        if (refusal != 0) {
            fault(exchange, refusal, "Action not authorized");
            return;
        }
        switch (action) {
            case "GetExternalIPAddress" -> reply(exchange, action, "<NewExternalIPAddress>" + external + "</NewExternalIPAddress>");
            case "AddPortMapping" -> add(exchange, action, arguments);
            case "DeletePortMapping" -> {
                forwards.remove(Integer.parseInt(arguments.get("NewExternalPort")));
                reply(exchange, action, "");
            }
            default -> fault(exchange, 401, "Invalid Action");
        }
    }

    private void add(HttpExchange exchange, String action, Map<String, String> arguments) throws IOException {
        int port = Integer.parseInt(arguments.get("NewExternalPort"));
        int lease = Integer.parseInt(arguments.get("NewLeaseDuration"));
        Forward wanted = new Forward(Integer.parseInt(arguments.get("NewInternalPort")), arguments.get("NewInternalClient"), lease,
                arguments.get("NewPortMappingDescription"));
        Forward there = forwards.get(port);
        if (there != null && !there.client().equals(wanted.client())) {
            fault(exchange, CONFLICT, "ConflictInMappingEntry");
        } else if (permanentOnly && lease != 0) {
            fault(exchange, PERMANENT_ONLY, "OnlyPermanentLeasesSupported");
        } else {
            forwards.put(port, wanted);
            reply(exchange, action, "");
        }
    }

    private static void reply(HttpExchange exchange, String action, String values) throws IOException {
        answer(exchange, 200, "<?xml version=\"1.0\"?><s:Envelope xmlns:s=\"http://schemas.xmlsoap.org/soap/envelope/\"><s:Body><u:" + action
                + "Response xmlns:u=\"" + SERVICE + "\">" + values + "</u:" + action + "Response></s:Body></s:Envelope>");
    }

    private static void fault(HttpExchange exchange, int code, String description) throws IOException {
        answer(exchange, 500, "<?xml version=\"1.0\"?><s:Envelope xmlns:s=\"http://schemas.xmlsoap.org/soap/envelope/\"><s:Body><s:Fault>"
                + "<faultcode>s:Client</faultcode><faultstring>UPnPError</faultstring><detail><UPnPError xmlns=\"urn:schemas-upnp-org:control-1-0\">"
                + "<errorCode>" + code + "</errorCode><errorDescription>" + description + "</errorDescription></UPnPError></detail></s:Fault>"
                + "</s:Body></s:Envelope>");
    }

    private static void answer(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        ssdp.close();
        http.stop(0);
        responder.interrupt();
    }
}
