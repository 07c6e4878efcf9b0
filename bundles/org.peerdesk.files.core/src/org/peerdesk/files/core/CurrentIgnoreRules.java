package org.peerdesk.files.core;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.peerdesk.core.IgnoreRules;

/**
 * Each share's ignore rules as its {@code .peerdeskignore} says now, for answering peers: read again only when
 * the file changed (a look at its time and size per question, not a read and parse).
 */
final class CurrentIgnoreRules {

    private record Read(FileTime modified, long size, IgnoreRules rules) {
    }

    private final Map<Path, Read> read = new ConcurrentHashMap<>();

    IgnoreRules of(Path shareFolder) throws IOException {
        BasicFileAttributes file;
        try {
            file = Files.readAttributes(shareFolder.resolve(IgnoreRules.FILE), BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            read.remove(shareFolder);
            return IgnoreRules.NONE;
        }
        Read last = read.get(shareFolder);
        if (last != null && last.modified().equals(file.lastModifiedTime()) && last.size() == file.size()) {
            return last.rules();
        }
        IgnoreRules rules = IgnoreRules.in(shareFolder);
        read.put(shareFolder, new Read(file.lastModifiedTime(), file.size(), rules));
        return rules;
    }
}
