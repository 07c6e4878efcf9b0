package org.peerdesk.transport.core;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.MulticastSocket;
import java.net.NetworkInterface;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.w3c.dom.Element;

/**
 * A router on the local network that forwards ports when asked (a UPnP Internet gateway device), found by an SSDP
 * search and spoken to through its WANIPConnection or WANPPPConnection service. Everything it says is a stranger's
 * word: answers are size-capped, time-limited and parsed without document types, and what makes no sense is an
 * {@link IOException} saying so.
 */
final class UpnpGateway implements Router {

    /** Where SSDP searches go on a real network. */
    static final InetSocketAddress SSDP = new InetSocketAddress("239.255.255.250", 1900);
    private static final List<String> SERVICES = List.of("urn:schemas-upnp-org:service:WANIPConnection:2",
            "urn:schemas-upnp-org:service:WANIPConnection:1", "urn:schemas-upnp-org:service:WANPPPConnection:1");
    private static final String SEARCH_TARGET = "urn:schemas-upnp-org:device:InternetGatewayDevice:1";
    static final int TIMEOUT_MILLIS = 5000;
    /** How many ports from the one the node listens on are asked for, when another machine has the one before. */
    private static final int PORTS_TRIED = 10;
    /** UPnP's error for a port forwarded to another machine already. */
    private static final int CONFLICT = 718;
    /** UPnP's error from a router that takes only forwards without a lease. */
    private static final int PERMANENT_ONLY = 725;

    /** A UPnP error code a router gave with its refusal (718: the port is mapped to another host already). */
    private static final class Refused extends IOException {
        private static final long serialVersionUID = 1L;
        private final int code;

        Refused(int code, String description) {
            super("the router refused (UPnP error " + code + (description.isBlank() ? "" : ", " + description) + ")");
            this.code = code;
        }

        int code() {
            return code;
        }
    }

    private final URI control;
    private final String service;
    private final InetAddress local;

    private UpnpGateway(URI control, String service, InetAddress local) {
        this.control = control;
        this.service = service;
        this.local = local;
    }

    /**
     * Searches from {@code local} (an address of this machine, which the router will forward to) by sending to
     * {@code target} (the SSDP group, or a router's own address) and waits up to {@code wait} for a router whose
     * description offers port mapping.
     */
    static Optional<UpnpGateway> find(InetSocketAddress target, InetAddress local, Duration wait) throws IOException {
        try (MulticastSocket socket = new MulticastSocket(new InetSocketAddress(local, 0))) {
            NetworkInterface network = NetworkInterface.getByInetAddress(local);
            if (network != null) {
                socket.setNetworkInterface(network); // the search goes out where the address is, not where the default route points
            }
            byte[] search = ("M-SEARCH * HTTP/1.1\r\nHOST: 239.255.255.250:1900\r\nMAN: \"ssdp:discover\"\r\nMX: 2\r\nST: "
                    + SEARCH_TARGET + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
            socket.send(new DatagramPacket(search, search.length, target));
            long deadline = System.nanoTime() + wait.toNanos();
            byte[] buffer = new byte[2048];
            while (true) {
                long left = Duration.ofNanos(deadline - System.nanoTime()).toMillis();
                if (left <= 0) {
                    return Optional.empty();
                }
                socket.setSoTimeout((int) left);
                DatagramPacket answer = new DatagramPacket(buffer, buffer.length);
                try {
                    socket.receive(answer);
                } catch (SocketTimeoutException e) {
                    return Optional.empty();
                }
                Optional<URI> location = location(new String(buffer, 0, answer.getLength(), StandardCharsets.ISO_8859_1))
                        .filter(uri -> uri.getHost().equals(answer.getAddress().getHostAddress())); // not a third machine's
                if (location.isPresent()) {
                    Optional<UpnpGateway> gateway = described(location.get(), local);
                    if (gateway.isPresent()) {
                        return gateway;
                    }
                }
            }
        }
    }

    /** The description's address in an SSDP answer, if it is one and gives an http address. */
    private static Optional<URI> location(String answer) {
        if (!answer.startsWith("HTTP/1.1 200")) {
            return Optional.empty();
        }
        for (String line : answer.split("\r\n")) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).strip().equalsIgnoreCase("LOCATION")) {
                try {
                    URI uri = new URI(line.substring(colon + 1).strip());
                    return "http".equalsIgnoreCase(uri.getScheme()) && uri.getHost() != null ? Optional.of(uri) : Optional.empty();
                } catch (URISyntaxException e) {
                    return Optional.empty();
                }
            }
        }
        return Optional.empty();
    }

    private static Optional<UpnpGateway> described(URI location, InetAddress local) throws IOException {
        Element device = UpnpXml.parse(exchange(location, null, null).body());
        String base = UpnpXml.text(device, "URLBase");
        for (String wanted : SERVICES) {
            for (Element service : UpnpXml.all(device, "service")) {
                if (wanted.equals(UpnpXml.text(service, "serviceType"))) {
                    return Optional.of(new UpnpGateway(controlUri(location, base, UpnpXml.text(service, "controlURL")), wanted, local));
                }
            }
        }
        return Optional.empty();
    }

    /** The control address, relative to the description's base or its own address; only on the router that described it. */
    private static URI controlUri(URI location, String base, String control) throws IOException {
        try {
            URI resolved = (base.isBlank() ? location : new URI(base)).resolve(new URI(control));
            if (!"http".equalsIgnoreCase(resolved.getScheme()) || !location.getHost().equalsIgnoreCase(resolved.getHost())) {
                throw new IOException("The router's control address " + resolved + " is not on the router itself");
            }
            return resolved;
        } catch (URISyntaxException | IllegalArgumentException e) {
            throw new IOException("The router's control address is not one: " + control, e);
        }
    }

    @Override
    public InetAddress externalAddress() throws IOException {
        String said = call("GetExternalIPAddress", Map.of()).getOrDefault("NewExternalIPAddress", "");
        if (!said.matches("[0-9.]{7,15}")) {
            throw new IOException("The router gave no external address it has (\"" + said + "\")");
        }
        return InetAddress.getByName(said);
    }

    /**
     * Asks for the port the node listens on, and the next ones while another machine has the one asked for; a router that
     * takes only forwards without a lease gets one of those.
     */
    @Override
    public Forward forward(int port, Duration lease) throws IOException {
        int last = Math.min(65_535, port + PORTS_TRIED - 1);
        for (int externalPort = port; externalPort <= last; externalPort++) {
            try {
                return new Forward(externalPort, mapLeasedOrNot(externalPort, port, lease));
            } catch (Refused e) {
                if (e.code() != CONFLICT) {
                    throw e;
                }
            }
        }
        throw new IOException("ports " + port + " to " + last + " are forwarded to other machines already");
    }

    /** Forwards {@code externalPort} for {@code lease}, or until removed where the router takes nothing else; returns the lease made. */
    private Duration mapLeasedOrNot(int externalPort, int port, Duration lease) throws IOException {
        try {
            map(externalPort, port, lease);
            return lease;
        } catch (Refused e) {
            if (e.code() != PERMANENT_ONLY) {
                throw e;
            }
            map(externalPort, port, Duration.ZERO);
            return Duration.ZERO;
        }
    }

    /** Asks the router to forward TCP {@code externalPort} to this machine's {@code internalPort} for {@code lease} (0: until removed). */
    private void map(int externalPort, int internalPort, Duration lease) throws IOException {
        Map<String, String> arguments = new LinkedHashMap<>();
        arguments.put("NewRemoteHost", "");
        arguments.put("NewExternalPort", Integer.toString(externalPort));
        arguments.put("NewProtocol", "TCP");
        arguments.put("NewInternalPort", Integer.toString(internalPort));
        arguments.put("NewInternalClient", local.getHostAddress());
        arguments.put("NewEnabled", "1");
        arguments.put("NewPortMappingDescription", "Peerdesk");
        arguments.put("NewLeaseDuration", Long.toString(lease.toSeconds()));
        call("AddPortMapping", arguments);
    }

    @Override
    public void unforward(int externalPort, int port) throws IOException {
        Map<String, String> arguments = new LinkedHashMap<>();
        arguments.put("NewRemoteHost", "");
        arguments.put("NewExternalPort", Integer.toString(externalPort));
        arguments.put("NewProtocol", "TCP");
        call("DeletePortMapping", arguments);
    }

    /** Calls {@code action} on the service; returns the reply's values by name, or throws {@link Refused} with the router's error. */
    private Map<String, String> call(String action, Map<String, String> arguments) throws IOException {
        StringBuilder body = new StringBuilder("<?xml version=\"1.0\"?>\r\n<s:Envelope xmlns:s=\"http://schemas.xmlsoap.org/soap/envelope/\""
                + " s:encodingStyle=\"http://schemas.xmlsoap.org/soap/encoding/\"><s:Body><u:" + action + " xmlns:u=\"" + service + "\">");
        arguments.forEach((name, value) -> body.append('<').append(name).append('>').append(escaped(value)).append("</").append(name).append('>'));
        body.append("</u:").append(action).append("></s:Body></s:Envelope>\r\n");
        Answer answer = exchange(control, body.toString().getBytes(StandardCharsets.UTF_8), "\"" + service + "#" + action + "\"");
        Element envelope = UpnpXml.parse(answer.body());
        List<Element> errors = UpnpXml.all(envelope, "UPnPError");
        if (!errors.isEmpty()) {
            String code = UpnpXml.text(errors.get(0), "errorCode");
            throw new Refused(code.matches("[0-9]{1,4}") ? Integer.parseInt(code) : 0, UpnpXml.text(errors.get(0), "errorDescription"));
        }
        if (answer.status() != 200) {
            throw new IOException("The router answered " + action + " with HTTP " + answer.status());
        }
        List<Element> replies = UpnpXml.all(envelope, action + "Response");
        if (replies.isEmpty()) {
            throw new IOException("The router's answer to " + action + " holds no reply");
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (org.w3c.dom.Node child = replies.get(0).getFirstChild(); child != null; child = child.getNextSibling()) {
            if (child instanceof Element value) {
                values.put(value.getLocalName(), value.getTextContent().strip());
            }
        }
        return values;
    }

    private static String escaped(String value) {
        return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    private record Answer(int status, byte[] body) {
    }

    /** A GET (no body) or a SOAP POST; the answer's body is read up to {@link UpnpXml#MAX_BYTES}, error answers' too. */
    private static Answer exchange(URI uri, byte[] body, String soapAction) throws IOException {
        HttpURLConnection http = (HttpURLConnection) uri.toURL().openConnection();
        try {
            http.setConnectTimeout(TIMEOUT_MILLIS);
            http.setReadTimeout(TIMEOUT_MILLIS);
            http.setInstanceFollowRedirects(false);
            if (body != null) {
                http.setRequestMethod("POST");
                http.setDoOutput(true);
                http.setRequestProperty("Content-Type", "text/xml; charset=\"utf-8\"");
                http.setRequestProperty("SOAPAction", soapAction);
                http.setFixedLengthStreamingMode(body.length);
                try (OutputStream out = http.getOutputStream()) {
                    out.write(body);
                }
            }
            int status = http.getResponseCode();
            InputStream in = status >= 400 ? http.getErrorStream() : http.getInputStream();
            return new Answer(status, in == null ? new byte[0] : capped(in));
        } finally {
            http.disconnect();
        }
    }

    private static byte[] capped(InputStream in) throws IOException {
        try (in) {
            ByteArrayOutputStream read = new ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            int n;
            while ((n = in.read(buffer)) >= 0) {
                read.write(buffer, 0, n);
                if (read.size() > UpnpXml.MAX_BYTES) {
                    throw new IOException("The router's answer is over " + UpnpXml.MAX_BYTES / 1024 + " KiB");
                }
            }
            return read.toByteArray();
        }
    }

    @Override
    public String host() {
        return control.getHost();
    }

    @Override
    public String protocol() {
        return "UPnP";
    }
}
