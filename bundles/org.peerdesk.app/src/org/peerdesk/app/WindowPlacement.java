package org.peerdesk.app;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * Where the main window opens: where the user left it, as long as enough of that still lies on a
 * screen (a monitor may have gone since); otherwise, the first time, most of the main screen,
 * centred, and never smaller than the layout the views were made for unless the screen is. Inside
 * it, the views keep the sizes the user dragged them to.
 * Kept in the data directory, beside the node's own state, one file per desktop.
 */
final class WindowPlacement {

    /** A window's or a screen's place and size, in pixels. */
    record Bounds(int x, int y, int width, int height) {

        /** The part of this that also lies in {@code other}; empty (zero wide or high) where they do not meet. */
        Bounds overlap(Bounds other) {
            int left = Math.max(x, other.x);
            int top = Math.max(y, other.y);
            int right = Math.min(x + width, other.x + other.width);
            int bottom = Math.min(y + height, other.y + other.height);
            return new Bounds(left, top, Math.max(0, right - left), Math.max(0, bottom - top));
        }
    }

    /**
     * Where the window was when the desktop last closed, whether it filled the screen, and how the user divided it
     * between the views: each divided part's weight (as the workbench keeps it) by the part's element ID.
     */
    record Saved(Bounds bounds, boolean maximized, Map<String, Integer> weights) {

        Saved {
            weights = Map.copyOf(weights);
        }

        Saved(Bounds bounds, boolean maximized) {
            this(bounds, maximized, Map.of());
        }
    }

    static final int LEAST_WIDTH = 1120;
    static final int LEAST_HEIGHT = 720;
    private static final double SHARE_OF_SCREEN = 0.85;
    /** How much of a saved window must still be on some screen for it to open there again. */
    private static final int VISIBLE_WIDTH = 200;
    private static final int VISIBLE_HEIGHT = 100;
    private static final String WEIGHT = "weight.";

    private final Path file;

    WindowPlacement(Path dataDirectory) {
        this.file = dataDirectory.resolve("desktop").resolve("window.properties");
    }

    /** Where to open, given what was saved and the screens' usable areas (the main screen first). */
    static Bounds opening(Optional<Saved> saved, List<Bounds> screens) {
        Bounds main = screens.get(0);
        if (saved.isPresent()) {
            Bounds last = saved.get().bounds();
            boolean onAScreen = screens.stream().map(last::overlap)
                    .anyMatch(seen -> seen.width() >= VISIBLE_WIDTH && seen.height() >= VISIBLE_HEIGHT);
            boolean fitsAScreen = screens.stream().anyMatch(screen -> last.width() <= screen.width() && last.height() <= screen.height());
            if (onAScreen && fitsAScreen && last.width() > 0 && last.height() > 0) {
                return last;
            }
        }
        int width = Math.min(main.width(), Math.max(LEAST_WIDTH, (int) (main.width() * SHARE_OF_SCREEN)));
        int height = Math.min(main.height(), Math.max(LEAST_HEIGHT, (int) (main.height() * SHARE_OF_SCREEN)));
        return new Bounds(main.x() + (main.width() - width) / 2, main.y() + (main.height() - height) / 2, width, height);
    }

    /** What was saved; nothing when there is no file, or when it cannot be read or makes no sense (then the window opens as the first time). */
    Optional<Saved> load() {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        Properties properties = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            properties.load(in);
            Bounds bounds = new Bounds(number(properties, "x"), number(properties, "y"), number(properties, "width"),
                    number(properties, "height"));
            return Optional.of(new Saved(bounds, Boolean.parseBoolean(properties.getProperty("maximized")), weights(properties)));
        } catch (IOException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** Writes the placement to a temporary file and renames it into place, so a crash leaves the old one or the new. */
    void save(Saved saved) throws IOException {
        Files.createDirectories(file.getParent());
        Properties properties = new Properties();
        properties.setProperty("x", Integer.toString(saved.bounds().x()));
        properties.setProperty("y", Integer.toString(saved.bounds().y()));
        properties.setProperty("width", Integer.toString(saved.bounds().width()));
        properties.setProperty("height", Integer.toString(saved.bounds().height()));
        properties.setProperty("maximized", Boolean.toString(saved.maximized()));
        saved.weights().forEach((element, weight) -> properties.setProperty(WEIGHT + element, Integer.toString(weight)));
        Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
        try (OutputStream out = Files.newOutputStream(temporary)) {
            properties.store(out, "Where the Peerdesk window was when it last closed");
        }
        Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** The weights saved; one that is not a positive whole number is left out (its part keeps the weight it is made with). */
    private static Map<String, Integer> weights(Properties properties) {
        Map<String, Integer> weights = new HashMap<>();
        for (String key : properties.stringPropertyNames()) {
            if (key.startsWith(WEIGHT) && key.length() > WEIGHT.length()) {
                try {
                    int weight = Integer.parseInt(properties.getProperty(key).strip());
                    if (weight > 0) {
                        weights.put(key.substring(WEIGHT.length()), weight);
                    }
                } catch (NumberFormatException e) {
                    // as if it had not been saved
                }
            }
        }
        return weights;
    }

    private static int number(Properties properties, String key) {
        String value = properties.getProperty(key);
        if (value == null) {
            throw new IllegalArgumentException("no " + key);
        }
        return Integer.parseInt(value.strip());
    }
}
