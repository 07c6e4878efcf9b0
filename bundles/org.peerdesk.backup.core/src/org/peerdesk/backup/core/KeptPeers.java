package org.peerdesk.backup.core;

import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
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
        StringWriter text = new StringWriter();
        properties.store(text, "The peers this node knows and the grants it gives, kept so that a new machine can take its place");
        // Properties writes the time on its second line; without it, the file changes only when what it says does
        String kept = text.toString().lines().filter(line -> !line.startsWith("#") || line.startsWith("#The"))
                .sorted(KeptPeers::inOrder).collect(Collectors.joining("\n", "", "\n"));
        Files.writeString(folder.resolve(FILE), kept, StandardCharsets.UTF_8);
    }

    /** The comment first, then by entry and number, so that the file reads as a list. */
    private static int inOrder(String one, String other) {
        return key(one).compareTo(key(other));
    }

    private static String key(String line) {
        if (line.startsWith("#")) {
            return "";
        }
        String[] parts = line.split("\\.", 3);
        return parts.length < 3 ? line : parts[0] + String.format(Locale.ROOT, "%09d", Integer.parseInt(parts[1])) + parts[2];
    }

    static KeptPeers read(Path folder) throws BackupException {
        Properties properties = new Properties();
        Path file = folder.resolve(FILE);
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (IOException | IllegalArgumentException e) {
            throw new BackupException("Cannot read " + file + ": " + (e instanceof IOException io ? IoMessages.of(io) : e.getMessage()), e);
        }
        try {
            List<Peer> peers = new ArrayList<>();
            for (int i = 1; properties.containsKey("peer." + i + ".id"); i++) {
                Entry entry = new Entry(properties, "peer." + i + ".");
                List<PeerAddress> publicAddresses = new ArrayList<>();
                for (String address : entry.optional("public").map(text -> text.split(" ")).map(Arrays::asList).orElse(List.of())) {
                    publicAddresses.add(PeerAddress.parse(address));
                }
                peers.add(new Peer(PeerId.parse(entry.required("id")), entry.required("name"),
                        entry.optional("address").isPresent() ? Optional.of(PeerAddress.parse(entry.required("address"))) : Optional.empty(),
                        publicAddresses, entry.optional("blocked").map(Boolean::parseBoolean).orElse(false)));
            }
            List<Given> grants = new ArrayList<>();
            for (int i = 1; properties.containsKey("grant." + i + ".peer"); i++) {
                Entry entry = new Entry(properties, "grant." + i + ".");
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

    /** The values of one numbered entry. */
    private record Entry(Properties properties, String prefix) {

        String required(String name) throws InvalidInputException {
            return optional(name).orElseThrow(() -> new InvalidInputException(prefix + name + " is missing"));
        }

        Optional<String> optional(String name) {
            return Optional.ofNullable(properties.getProperty(prefix + name)).map(String::strip).filter(value -> !value.isEmpty());
        }
    }
}
