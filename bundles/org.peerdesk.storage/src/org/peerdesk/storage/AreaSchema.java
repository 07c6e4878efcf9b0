package org.peerdesk.storage;

import java.util.List;

/**
 * The tables of one area (transport, permissions, files, ...) as the ordered list of migrations
 * that build them. Versions run 1, 2, 3, ... without gaps; a released migration is never edited,
 * a change is a new one at the end.
 */
public record AreaSchema(String area, List<Migration> migrations) {

    public AreaSchema {
        if (area == null || !area.matches("[a-z][a-z0-9_]{0,39}")) {
            throw new IllegalArgumentException("Area names are lower-case identifiers: " + area);
        }
        migrations = List.copyOf(migrations);
        for (int i = 0; i < migrations.size(); i++) {
            if (migrations.get(i).version() != i + 1) {
                throw new IllegalArgumentException("Migrations of " + area + " must be numbered 1, 2, 3, ...; found "
                        + migrations.get(i).version() + " at position " + (i + 1));
            }
        }
    }

    public static AreaSchema of(String area, Migration... migrations) {
        return new AreaSchema(area, List.of(migrations));
    }

    public int latestVersion() {
        return migrations.size();
    }
}
