package org.peerdesk.plugins;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A bundle file in the plugin folder, named by its file name and content. Its OSGi location
 * holds both, so a file replaced by a new build counts as a different plugin.
 */
public record PluginFile(String name, Path path, String sha256) {

    static final String LOCATION_PREFIX = "peerdesk-plugin:";

    static PluginFile read(Path path) throws IOException {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java runtime has SHA-256", e);
        }
        try (InputStream in = Files.newInputStream(path)) {
            byte[] buffer = new byte[64 * 1024];
            for (int n; (n = in.read(buffer)) > 0;) {
                digest.update(buffer, 0, n);
            }
        }
        return new PluginFile(path.getFileName().toString(), path, HexFormat.of().formatHex(digest.digest()));
    }

    /** The OSGi bundle location this file is installed under. */
    String location() {
        return LOCATION_PREFIX + name + "#" + sha256.substring(0, 16);
    }

    static boolean isPluginLocation(String location) {
        return location.startsWith(LOCATION_PREFIX);
    }
}
