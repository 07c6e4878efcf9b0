package org.peerdesk.permissions;

import java.util.Objects;
import java.util.Optional;

import org.peerdesk.core.InvalidInputException;

/**
 * What a protocol requires of the peers that open its streams, declared by its handler in the
 * service property {@code peerdesk.access} ({@code ProtocolHandler.ACCESS}):
 * <ul>
 * <li>{@code anyone}: any peer that may connect, strangers included (invites, access requests);
 * <li>{@code trusted}: peers the user added or approved;
 * <li>{@code RIGHT@RESOURCE}: peers holding a live grant of that right, such as
 *     {@code message@messages}, {@code store-backup@backup}, {@code read@docs}, or
 *     {@code read@shares} for a grant on any share (the handler then checks the exact path with
 *     {@link PermissionService#hold}).
 * </ul>
 * A protocol that declares nothing is refused to everyone: access is never granted by omission.
 */
public record AccessRule(Level level, Optional<Right> right, Optional<Resource> resource) {

    public static final String ANY_SHARE = "shares";

    public enum Level {
        ANYONE, TRUSTED, GRANT
    }

    public AccessRule {
        Objects.requireNonNull(level, "level");
        Objects.requireNonNull(right, "right");
        Objects.requireNonNull(resource, "resource");
    }

    public static AccessRule parse(String text) throws InvalidInputException {
        if (text == null || text.isBlank()) {
            throw new InvalidInputException("The protocol declares no access rule.");
        }
        String value = text.strip();
        if (value.equals("anyone")) {
            return new AccessRule(Level.ANYONE, Optional.empty(), Optional.empty());
        }
        if (value.equals("trusted")) {
            return new AccessRule(Level.TRUSTED, Optional.empty(), Optional.empty());
        }
        int at = value.indexOf('@');
        if (at <= 0) {
            throw new InvalidInputException("'" + text + "' is not an access rule: anyone, trusted or RIGHT@RESOURCE.");
        }
        Right right = Right.parse(value.substring(0, at));
        String resource = value.substring(at + 1);
        return new AccessRule(Level.GRANT, Optional.of(right),
                resource.equals(ANY_SHARE) ? Optional.empty() : Optional.of(Resource.parse(resource)));
    }

    /**
     * Who may use a protocol that declares {@code declared} (null for nothing), in words for its user: "trusted peers",
     * "peers granted read on notes", "no one: ..." where the declaration lets no one in.
     */
    public static String whoMay(String declared) {
        try {
            AccessRule rule = parse(declared);
            return switch (rule.level) {
                case ANYONE -> "any peer that connects, strangers too";
                case TRUSTED -> "trusted peers";
                case GRANT -> "peers granted " + rule.right.orElseThrow().word() + " on " + rule.resource.map(Resource::toString).orElse("any share");
            };
        } catch (InvalidInputException e) {
            return "no one: " + e.getMessage();
        }
    }

    /** Whether {@code grant} satisfies this rule (for {@link Level#GRANT} rules). */
    public boolean satisfiedBy(Grant grant, java.time.Instant now) {
        if (level != Level.GRANT || !grant.activeAt(now) || !grant.rights().contains(right.orElseThrow())) {
            return false;
        }
        return resource.map(wanted -> grant.resource().covers(wanted))
                .orElse(grant.resource().kind() == Resource.Kind.SHARE);
    }

    @Override
    public String toString() {
        return switch (level) {
            case ANYONE -> "anyone";
            case TRUSTED -> "trusted";
            case GRANT -> right.orElseThrow().word() + "@" + resource.map(Resource::toString).orElse(ANY_SHARE);
        };
    }
}
