package org.peerdesk.app.parts;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Whether the desktop starts with the user's session: an XDG autostart entry
 * ({@code $XDG_CONFIG_HOME/autostart/peerdesk.desktop}) that runs the launcher on this node's data
 * directory. One entry: turning it on for another data directory moves it there.
 */
final class LoginStart {

    static final String FILE = "peerdesk.desktop";

    private final Path entry;
    private final String content;

    LoginStart(Path autostartFolder, Path launcher, Path dataDirectory) {
        this.entry = autostartFolder.resolve(FILE);
        this.content = String.join("\n", "[Desktop Entry]", "Type=Application", "Name=Peerdesk",
                "Comment=Your team's files, messages and backups, peer to peer",
                "Exec=" + command(List.of(launcher.toString(), "--data", dataDirectory.toString())),
                "Terminal=false", "X-GNOME-Autostart-enabled=true", "");
    }

    /**
     * Where a desktop session looks for autostart entries: {@code $XDG_CONFIG_HOME/autostart}, else
     * {@code ~/.config/autostart}; the property {@code peerdesk.autostart} names another folder.
     */
    static Path autostartFolder() {
        String chosen = System.getProperty("peerdesk.autostart");
        if (chosen != null && !chosen.isBlank()) {
            return Path.of(chosen);
        }
        String config = System.getenv("XDG_CONFIG_HOME");
        return (config == null || config.isBlank() ? Path.of(System.getProperty("user.home"), ".config") : Path.of(config))
                .resolve("autostart");
    }

    /** Whether the session starts Peerdesk on this data directory. */
    boolean enabled() throws IOException {
        try {
            return Files.readString(entry, StandardCharsets.UTF_8).equals(content);
        } catch (NoSuchFileException e) {
            return false;
        }
    }

    void enable() throws IOException {
        Files.createDirectories(entry.getParent());
        Path written = Files.writeString(entry.resolveSibling(FILE + ".tmp"), content, StandardCharsets.UTF_8);
        Files.move(written, entry, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** Removes the entry, if it is this data directory's. */
    void disable() throws IOException {
        if (enabled()) {
            Files.delete(entry);
        }
    }

    /**
     * An Exec line's arguments, each quoted as the desktop entry specification says: {@code "}, {@code `}
     * and {@code $} take a backslash; a backslash takes three more, since the file's string escapes
     * are undone before the quoting; {@code %} is doubled, not being a field code.
     */
    static String command(List<String> arguments) {
        return arguments.stream().map(LoginStart::quoted).collect(Collectors.joining(" "));
    }

    private static String quoted(String argument) {
        StringBuilder quoted = new StringBuilder("\"");
        for (char c : argument.toCharArray()) {
            switch (c) {
                case '"', '`', '$' -> quoted.append('\\').append(c);
                case '\\' -> quoted.append("\\\\\\\\");
                case '%' -> quoted.append("%%");
                default -> quoted.append(c);
            }
        }
        return quoted.append('"').toString();
    }

    /** The launcher that started this desktop, when it was the {@code peerdesk} script (it says so). */
    static Optional<Path> launcher() {
        return Optional.ofNullable(System.getProperty("peerdesk.launcher")).filter(path -> !path.isBlank()).map(Path::of);
    }
}
