package org.peerdesk.backup.core;

import java.lang.System.Logger.Level;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentSkipListMap;

import org.peerdesk.backup.spi.BackupSource;

/** The sources of their own data that areas and plugins offer to back up, by name: they come and go with their bundles. */
final class Sources {

    private final Map<String, BackupSource> byName = new ConcurrentSkipListMap<>();

    /** Takes a source in, unless its name is not one or another source has it (the first stays). */
    void add(BackupSource source) {
        String name = source.name();
        if (name == null || !BackupSource.NAME.matcher(name).matches()) {
            System.getLogger(Sources.class.getName()).log(Level.WARNING, "A backup source named ''{0}'' is left out: a name is a word of"
                    + " lower-case letters, digits and dashes.", name);
        } else if (byName.putIfAbsent(name, source) != null) {
            System.getLogger(Sources.class.getName()).log(Level.WARNING, "A second backup source named ''{0}'' is left out.", name);
        }
    }

    void remove(BackupSource source) {
        byName.remove(source.name(), source);
    }

    Optional<BackupSource> named(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    /** The sources installed now. */
    Collection<BackupSource> all() {
        return List.copyOf(byName.values());
    }

    /** Each source's name and what it keeps. */
    SortedMap<String, String> labels() {
        SortedMap<String, String> labels = new TreeMap<>();
        byName.forEach((name, source) -> labels.put(name, source.label()));
        return labels;
    }
}
