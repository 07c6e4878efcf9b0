package org.peerdesk.backup.core;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;

import org.peerdesk.backup.BackupException;
import org.peerdesk.core.InvalidInputException;
import org.peerdesk.core.IoMessages;
import org.peerdesk.core.NumberedProperties;
import org.peerdesk.core.NumberedProperties.Entry;
import org.peerdesk.core.PeerId;
import org.peerdesk.permissions.Grant;
import org.peerdesk.permissions.GrantTerms;
import org.peerdesk.permissions.Resource;
import org.peerdesk.permissions.Right;
import org.peerdesk.transport.PeerAddress;

/**
 * The peers a node knows and the grants it gives, as a text file its backups keep ({@code peers.properties}, readable by
 * the user too): what a node taking its place needs to know them again and to give them what they had.
 */
record KeptPeers(List<Peer> peers, List<Given> grants) {

    static final String FILE = "peers.properties";

    /** A known peer: where it was last reached, the addresses it gave for other networks, and whether it is blocked. */
    record Peer(PeerId id, String name, Optional<PeerAddress> address, List<PeerAddress> publicAddresses, boolean blocked) {
    }

    /** A grant the node gave, with how it came to be. */
    record Given(PeerId peer, GrantTerms terms, Grant.Origin origin) {
    }

    KeptPeers {
        peers = List.copyOf(peers);
        grants = List.copyOf(grants);
    }

    void write(Path folder) throws IOException {
        Properties properties = new Properties();
        for (int i = 0; i < peers.size(); i++) {
            Peer peer = peers.get(i);
            String key = "peer." + (i + 1) + ".";
            properties.setProperty(key + "id", peer.id().toString());
            properties.setProperty(key + "name", peer.name());
            peer.address().ifPresent(address -> properties.setProperty(key + "address", address.toString()));
            if (!peer.publicAddresses().isEmpty()) {
                properties.setProperty(key + "public", peer.publicAddresses().stream().map(PeerAddress::toString).collect(Collectors.joining(" ")));
            }
            if (peer.blocked()) {
                properties.setProperty(key + "blocked", "true");
            }
        }
        for (int i = 0; i < grants.size(); i++) {
            Given given = grants.get(i);
            String key = "grant." + (i + 1) + ".";
            properties.setProperty(key + "peer", given.peer().toString());
            properties.setProperty(key + "resource", given.terms().resource().toString());
            properties.setProperty(key + "rights", Right.format(given.terms().rights()));
            given.terms().quotaBytes().ifPresent(quota -> properties.setProperty(key + "quota", Long.toString(quota)));
            given.terms().expires().ifPresent(expires -> properties.setProperty(key + "expires", expires.toString()));
            properties.setProperty(key + "origin", given.origin().word());
        }
        NumberedProperties.write(folder.resolve(FILE), "The peers this node knows and the grants it gives, kept so that a new machine"
                + " can take its place", properties);
    }

    static KeptPeers read(Path folder) throws BackupException {
        Path file = folder.resolve(FILE);
        Properties properties;
        try {
            properties = NumberedProperties.read(file);
        } catch (IOException e) {
            throw new BackupException("Cannot read " + file + ": " + IoMessages.of(e), e);
        }
        try {
            List<Peer> peers = new ArrayList<>();
            for (Entry entry : NumberedProperties.entries(properties, "peer", "id")) {
                List<PeerAddress> publicAddresses = new ArrayList<>();
                for (String address : entry.optional("public").map(text -> text.split(" ")).map(Arrays::asList).orElse(List.of())) {
                    publicAddresses.add(PeerAddress.parse(address));
                }
                peers.add(new Peer(PeerId.parse(entry.required("id")), entry.required("name"),
                        entry.optional("address").isPresent() ? Optional.of(PeerAddress.parse(entry.required("address"))) : Optional.empty(),
                        publicAddresses, entry.optional("blocked").map(Boolean::parseBoolean).orElse(false)));
            }
            List<Given> grants = new ArrayList<>();
            for (Entry entry : NumberedProperties.entries(properties, "grant", "peer")) {
                Set<Right> rights = Right.parseAll(entry.required("rights"));
                OptionalLong quota = entry.optional("quota").map(text -> OptionalLong.of(Long.parseLong(text))).orElse(OptionalLong.empty());
                Optional<Instant> expires = entry.optional("expires").map(Instant::parse);
                GrantTerms terms = new GrantTerms(Resource.parse(entry.required("resource")), rights, expires, quota).checked();
                grants.add(new Given(PeerId.parse(entry.required("peer")), terms,
                        Grant.Origin.valueOf(entry.required("origin").toUpperCase(Locale.ROOT))));
            }
            return new KeptPeers(peers, grants);
        } catch (InvalidInputException | DateTimeParseException | IllegalArgumentException e) {
            throw new BackupException(file + " is damaged: " + e.getMessage(), e);
        }
    }
}
