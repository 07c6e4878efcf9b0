package org.peerdesk.permissions.event;

import org.peerdesk.permissions.AuditEntry;

/** An entry went into the audit log on its own (a refusal, a password attempt), not with a change that is told otherwise. */
public record Audited(AuditEntry entry) {
}
