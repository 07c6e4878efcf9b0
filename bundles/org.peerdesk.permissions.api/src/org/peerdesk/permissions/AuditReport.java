package org.peerdesk.permissions;

import java.util.List;
import java.util.Optional;

/** A page of the audit log and whether the whole chain checked out; {@code problem} says where it broke. */
public record AuditReport(List<AuditEntry> entries, long total, boolean intact, Optional<String> problem) {

    public AuditReport {
        entries = List.copyOf(entries);
    }
}
