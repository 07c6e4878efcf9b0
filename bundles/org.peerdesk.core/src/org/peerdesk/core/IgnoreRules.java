package org.peerdesk.core;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A share's {@code .peerdeskignore}, read like a {@code .gitignore}: one pattern a line, {@code #}
 * comments, {@code !} to take a path back, a trailing {@code /} for folders only, a leading or inner
 * {@code /} to anchor at the share's top, {@code *}, {@code ?} and {@code **}. The last pattern that
 * matches decides. Peerdesk's own files ({@code .peerdesk/}, partial downloads) are always ignored.
 * Shares and backup sets read the same file.
 */
public final class IgnoreRules {

    public static final String FILE = ".peerdeskignore";
    public static final String OWN_FOLDER = ".peerdesk";
    public static final String PART_SUFFIX = ".peerdesk-part";
    public static final IgnoreRules NONE = new IgnoreRules(List.of(), List.of());
    private static final int FINGERPRINT_BYTES = 4;

    private record Rule(Pattern pattern, boolean negated, boolean foldersOnly) {
    }

    private final List<Rule> rules;
    /** The lines that made the rules, as written less blanks and comments. */
    private final List<String> lines;

    private IgnoreRules(List<Rule> rules, List<String> lines) {
        this.rules = List.copyOf(rules);
        this.lines = List.copyOf(lines);
    }

    public static IgnoreRules in(Path shareRoot) throws IOException {
        try {
            return parse(Files.readAllLines(shareRoot.resolve(FILE), StandardCharsets.UTF_8));
        } catch (NoSuchFileException e) {
            return NONE;
        }
    }

    public static IgnoreRules parse(List<String> lines) {
        List<Rule> rules = new ArrayList<>();
        List<String> kept = new ArrayList<>();
        for (String raw : lines) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            kept.add(line);
            boolean negated = line.startsWith("!");
            if (negated) {
                line = line.substring(1);
            }
            boolean foldersOnly = line.endsWith("/");
            if (foldersOnly) {
                line = line.substring(0, line.length() - 1);
            }
            boolean anchored = line.contains("/");
            if (line.startsWith("/")) {
                line = line.substring(1);
            }
            if (!line.isEmpty()) {
                rules.add(new Rule(Pattern.compile((anchored ? "" : "(?:.*/)?") + glob(line)), negated, foldersOnly));
            }
        }
        return new IgnoreRules(rules, kept);
    }

    /**
     * A short name for these rules, the same wherever and whenever the same rules are read, and empty for
     * none: what tells that a share's rules changed since a time, without keeping them.
     */
    public String fingerprint() {
        if (lines.isEmpty()) {
            return "";
        }
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            sha256.update(String.join("\n", lines).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(sha256.digest(), 0, FINGERPRINT_BYTES);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Java lacks SHA-256", e);
        }
    }

    /** Whether there are no rules: only Peerdesk's own files are left out. */
    public boolean none() {
        return rules.isEmpty();
    }

    /** Whether {@code path} (relative, {@code /} between names) is left out of the share. */
    public boolean ignores(String path, boolean directory) {
        String name = path.substring(path.lastIndexOf('/') + 1);
        if (path.equals(OWN_FOLDER) || path.startsWith(OWN_FOLDER + "/") || name.endsWith(PART_SUFFIX)) {
            return true;
        }
        boolean ignored = false;
        for (Rule rule : rules) {
            if ((!rule.foldersOnly || directory) && rule.pattern.matcher(path).matches()) {
                ignored = !rule.negated;
            }
        }
        return ignored;
    }

    /**
     * Whether a walk of the share leaves {@code path} out: it is ignored, or a folder it is in is. For
     * paths that no walk here has just passed through: a peer's, or what the index knew before the rules changed.
     */
    public boolean leavesOut(String path, boolean directory) {
        for (int slash = path.indexOf('/'); slash > 0; slash = path.indexOf('/', slash + 1)) {
            if (ignores(path.substring(0, slash), true)) {
                return true;
            }
        }
        return ignores(path, directory);
    }

    private static String glob(String pattern) {
        StringBuilder regex = new StringBuilder();
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c == '*' && i + 1 < pattern.length() && pattern.charAt(i + 1) == '*') {
                boolean slashAfter = i + 2 < pattern.length() && pattern.charAt(i + 2) == '/';
                regex.append(slashAfter ? "(?:.*/)?" : ".*");
                i += slashAfter ? 2 : 1;
            } else if (c == '*') {
                regex.append("[^/]*");
            } else if (c == '?') {
                regex.append("[^/]");
            } else {
                regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return regex.toString();
    }
}
