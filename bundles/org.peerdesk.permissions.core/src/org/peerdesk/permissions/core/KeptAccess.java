package org.peerdesk.permissions.core;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Properties;

import org.peerdesk.core.InvalidInputException;
import org.peerdesk.core.NumberedProperties;
import org.peerdesk.core.NumberedProperties.Entry;
import org.peerdesk.core.PeerId;
import org.peerdesk.permissions.GrantTerms;
import org.peerdesk.permissions.Resource;
import org.peerdesk.permissions.Right;

/**
 * What a node's access holds beyond its grants and known peers, as a file a backup of the node keeps
 * ({@code access.properties}): the passwords set on resources, as the secrets peers prove they know (a slow hash, never
 * the password as typed), the peers it blocked, known or not, and whether invites grant messages.
 */
record KeptAccess(List<Password> passwords, List<PeerId> blocked, boolean invitesGrantMessages) {

    static final String FILE = "access.properties";

    /** A password set on a resource, giving {@code terms}, as the secret both sides derive from it. */
    record Password(GrantTerms terms, String secret) {
    }

    KeptAccess {
        passwords = List.copyOf(passwords);
        blocked = List.copyOf(blocked);
    }

    void write(Path folder) throws IOException {
        Properties properties = new Properties();
        for (int i = 0; i < passwords.size(); i++) {
            Password password = passwords.get(i);
            GrantTerms terms = password.terms();
            String key = "password." + (i + 1) + ".";
            properties.setProperty(key + "resource", terms.resource().toString());
            properties.setProperty(key + "rights", Right.format(terms.rights()));
            terms.quotaBytes().ifPresent(quota -> properties.setProperty(key + "quota", Long.toString(quota)));
            properties.setProperty(key + "secret", password.secret());
        }
        for (int i = 0; i < blocked.size(); i++) {
            properties.setProperty("blocked." + (i + 1) + ".peer", blocked.get(i).toString());
        }
        properties.setProperty("invites.grant.messages", Boolean.toString(invitesGrantMessages));
        NumberedProperties.write(folder.resolve(FILE), "Passwords set on resources (as the secrets peers prove they know), the"
                + " peers blocked, and whether invites grant messages; kept so that a new machine can take this node's place", properties);
    }

    /** What {@link #write} wrote into {@code folder}; empty where it wrote nothing (a backup from before it did). */
    static Optional<KeptAccess> read(Path folder) throws IOException, InvalidInputException {
        Path file = folder.resolve(FILE);
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        Properties properties = NumberedProperties.read(file);
        try {
            List<Password> passwords = new ArrayList<>();
            for (Entry entry : NumberedProperties.entries(properties, "password", "resource")) {
                OptionalLong quota = entry.optional("quota").map(text -> OptionalLong.of(Long.parseLong(text))).orElse(OptionalLong.empty());
                GrantTerms terms = new GrantTerms(Resource.parse(entry.required("resource")), Right.parseAll(entry.required("rights")),
                        Optional.empty(), quota).checked();
                passwords.add(new Password(terms, entry.required("secret")));
            }
            List<PeerId> blocked = new ArrayList<>();
            for (Entry entry : NumberedProperties.entries(properties, "blocked", "peer")) {
                blocked.add(PeerId.parse(entry.required("peer")));
            }
            return Optional.of(new KeptAccess(passwords, blocked,
                    !"false".equals(properties.getProperty("invites.grant.messages", "true"))));
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(file + " is damaged: " + e.getMessage(), e);
        }
    }
}
