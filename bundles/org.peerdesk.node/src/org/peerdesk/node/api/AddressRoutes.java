package org.peerdesk.node.api;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.peerdesk.core.InvalidInputException;
import org.peerdesk.transport.PeerAddress;
import org.peerdesk.transport.PortMapping;
import org.peerdesk.transport.PublicAddresses;
import org.peerdesk.transport.SeenAddresses;
import org.peerdesk.transport.TransportException;
import org.peerdesk.transport.TransportService;

/**
 * The admin API of where peers reach this node: where it listens, the public addresses the user gave, the port its
 * router forwards to it, and where the peers connected directly reach it (docs/admin-api.md).
 */
record AddressRoutes(TransportService transport, PublicAddresses publicAddresses, PortMapping portMapping, SeenAddresses seen) {

    private static final String EXAMPLE = "{\"add\": \"home.example.net:22070\"}, {\"remove\": \"home.example.net:22070\"},"
            + " or all of them: {\"public\": [\"home.example.net:22070\"]}";

    void register(ApiServer server) {
        server.route("GET", "/api/v1/addresses", body -> describe());
        server.route("POST", "/api/v1/addresses", body -> {
            if (body.containsKey("upnp")) {
                if (!(body.get("upnp") instanceof Boolean on)) {
                    throw ApiError.badRequest("Say whether to ask the router to forward a port: {\"upnp\": false}.");
                }
                portMapping.setEnabled(on);
            } else {
                publicAddresses.setAddresses(changed(body));
            }
            return describe();
        });
    }

    private List<PeerAddress> changed(Map<String, Object> body) throws ApiError, TransportException {
        if (body.containsKey("public")) {
            List<PeerAddress> addresses = new ArrayList<>();
            for (String text : Bodies.texts(body, "public", EXAMPLE)) {
                addresses.add(parse(text));
            }
            return addresses;
        }
        List<PeerAddress> addresses = new ArrayList<>(publicAddresses.addresses());
        if (body.get("add") instanceof String text) {
            PeerAddress added = parse(text);
            if (addresses.contains(added)) {
                throw ApiError.badRequest(added.shown() + " is a public address already.");
            }
            addresses.add(added);
        } else if (body.get("remove") instanceof String text) {
            PeerAddress removed = parse(text);
            if (!addresses.remove(removed)) {
                throw ApiError.badRequest(removed.shown() + " is not one of the public addresses.");
            }
        } else {
            throw ApiError.badRequest("Say what to change: " + EXAMPLE + ".");
        }
        return addresses;
    }

    private static PeerAddress parse(String text) throws ApiError {
        try {
            return PeerAddress.parse(text);
        } catch (InvalidInputException e) {
            throw ApiError.badRequest(e.getMessage());
        }
    }

    private Map<String, Object> describe() throws TransportException {
        Map<String, Object> described = new LinkedHashMap<>();
        described.put("public", publicAddresses.addresses().stream().map(PeerAddress::shown).toList());
        described.put("listening", transport.listenAddresses().stream().map(PeerAddress::shown).toList());
        PortMapping.Status router = portMapping.status();
        Map<String, Object> forwarding = new LinkedHashMap<>();
        forwarding.put("upnp", portMapping.enabled());
        forwarding.put("state", router.state().name().toLowerCase(Locale.ROOT));
        forwarding.put("address", router.address().map(PeerAddress::shown).orElse(null));
        forwarding.put("said", router.said());
        described.put("router", forwarding);
        described.put("seen", seen.seen().stream().map(by -> Map.of("peerId", by.by().toString(), "name", by.name(),
                "address", by.at().shown(), "check", by.check().name().toLowerCase(Locale.ROOT).replace('_', '-'))).toList());
        described.put("reachedAt", SeenAddresses.described(seen.seen()));
        return described;
    }
}
