package org.peerdesk.node.api;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Properties;

/**
 * Where a running node's admin API is and its key, in {@code <data>/admin-api.properties}, readable
 * by the owner only: whoever may read the data directory may drive the node, nobody else. The
 * key is made once and kept; the address is written at each start and removed at a clean stop.
 */
final class ApiCredentials {

    static final String FILE = "admin-api.properties";
    static final String KEY_FILE = "admin-api.key";

    private ApiCredentials() {
    }

    static String keyIn(Path dataDirectory) throws IOException {
        Path file = dataDirectory.resolve(KEY_FILE);
        if (Files.exists(file)) {
            // read leniently: a damaged file is no key, and a new one replaces it (the CLI reads it at each start)
            String key = new String(Files.readAllBytes(file), StandardCharsets.US_ASCII).strip();
            if (key.matches("[0-9a-f]{64}")) {
                return key;
            }
        }
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        String key = HexFormat.of().formatHex(random);
        writePrivately(file, key + "\n");
        return key;
    }

    static void publish(Path dataDirectory, int port, String key) throws IOException {
        Properties properties = new Properties();
        properties.setProperty("url", "http://127.0.0.1:" + port);
        properties.setProperty("key", key);
        java.io.StringWriter text = new java.io.StringWriter();
        properties.store(text, "The admin API of the Peerdesk node running on this data directory");
        writePrivately(dataDirectory.resolve(FILE), text.toString());
    }

    static void withdraw(Path dataDirectory) throws IOException {
        Files.deleteIfExists(dataDirectory.resolve(FILE));
    }

    private static void writePrivately(Path file, String content) throws IOException {
        Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
        Files.deleteIfExists(temporary);
        Files.createFile(temporary, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(temporary, content, StandardCharsets.UTF_8);
        Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
