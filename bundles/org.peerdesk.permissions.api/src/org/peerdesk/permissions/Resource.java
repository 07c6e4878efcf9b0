package org.peerdesk.permissions;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

import org.peerdesk.core.InvalidInputException;

/**
 * What a grant is about: a share or a folder or file inside it ({@code docs}, {@code docs/reports}),
 * the conversations ({@code messages}), or backup storage ({@code backup}). Paths are relative,
 * with {@code /} between names; {@code ..}, {@code .}, empty names and backslashes are refused, so a
 * resource can never name anything outside its share.
 */
public record Resource(Kind kind, String share, String path) {

    public static final int MAX_LENGTH = 1024;
    private static final Pattern SHARE_NAME = Pattern.compile("[\\p{L}\\p{N}][\\p{L}\\p{N} ._-]{0,63}");

    public enum Kind {
        SHARE(EnumSet.of(Right.READ, Right.WRITE)),
        MESSAGES(EnumSet.of(Right.MESSAGE)),
        BACKUP(EnumSet.of(Right.STORE_BACKUP));

        private final Set<Right> rights;

        Kind(Set<Right> rights) {
            this.rights = rights;
        }

        /** The rights that make sense on a resource of this kind. */
        public Set<Right> rights() {
            return EnumSet.copyOf(rights);
        }
    }

    public static final Resource MESSAGES = new Resource(Kind.MESSAGES, "", "");
    public static final Resource BACKUP = new Resource(Kind.BACKUP, "", "");

    public Resource {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(share, "share");
        Objects.requireNonNull(path, "path");
    }

    public static Resource share(String name) throws InvalidInputException {
        return parse(name);
    }

    /** Reads a resource as the CLI and the wire write it; says plainly what is wrong with a bad one. */
    public static Resource parse(String text) throws InvalidInputException {
        if (text == null || text.isBlank()) {
            throw new InvalidInputException("Name a resource: a share (optionally share/path), 'messages' or 'backup'.");
        }
        if (text.length() > MAX_LENGTH) {
            throw new InvalidInputException("A resource is at most " + MAX_LENGTH + " characters long.");
        }
        String trimmed = text.strip();
        String lower = trimmed.toLowerCase(Locale.ROOT);
        if (lower.equals("messages")) {
            return MESSAGES;
        }
        if (lower.equals("backup")) {
            return BACKUP;
        }
        if (trimmed.startsWith("/") || trimmed.matches("^[A-Za-z]:.*")) {
            throw new InvalidInputException("'" + text + "' is an absolute path; name a share, then a path inside it.");
        }
        if (trimmed.indexOf('\\') >= 0 || trimmed.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            throw new InvalidInputException("'" + printable(text) + "' holds a backslash or a control character.");
        }
        int slash = trimmed.indexOf('/');
        String share = slash < 0 ? trimmed : trimmed.substring(0, slash);
        String path = slash < 0 ? "" : trimmed.substring(slash + 1);
        if (path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        if (!SHARE_NAME.matcher(share).matches() || share.equalsIgnoreCase("messages") || share.equalsIgnoreCase("backup")) {
            throw new InvalidInputException("'" + share + "' is not a share name: up to 64 letters, digits, spaces, '.', '_'"
                    + " or '-', starting with a letter or digit ('messages' and 'backup' are taken).");
        }
        if (!path.isEmpty()) {
            for (String name : path.split("/", -1)) {
                if (name.isEmpty() || name.equals(".") || name.equals("..")) {
                    throw new InvalidInputException("'" + text + "' does not stay inside its share: paths may not hold"
                            + " '..', '.' or empty names.");
                }
            }
        }
        return new Resource(Kind.SHARE, share, path);
    }

    /** Whether a grant on this resource reaches {@code other}: itself, or anything inside it. */
    public boolean covers(Resource other) {
        if (kind != other.kind) {
            return false;
        }
        if (kind != Kind.SHARE) {
            return true;
        }
        return share.equals(other.share)
                && (path.isEmpty() || other.path.equals(path) || other.path.startsWith(path + "/"));
    }

    /** Refuses rights that make no sense here, such as {@code read} on {@code messages}. */
    public void checkRights(Set<Right> rights) throws InvalidInputException {
        Set<Right> extra = EnumSet.copyOf(rights);
        extra.removeAll(kind.rights());
        if (!extra.isEmpty()) {
            throw new InvalidInputException("'" + this + "' takes only " + Right.format(kind.rights()) + ", not "
                    + Right.format(extra) + ".");
        }
    }

    private static String printable(String text) {
        return text.replaceAll("\\p{Cntrl}", "?");
    }

    @Override
    public String toString() {
        return switch (kind) {
            case MESSAGES -> "messages";
            case BACKUP -> "backup";
            case SHARE -> path.isEmpty() ? share : share + "/" + path;
        };
    }
}
