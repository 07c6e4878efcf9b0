package org.peerdesk.identity.event;

import org.peerdesk.core.Topics;

/** EventAdmin topics of this node's identity; each event carries its record under {@link Topics#DATA}. */
public final class IdentityTopics {

    public static final String ROOT = Topics.ROOT + "/identity";
    /** A {@link Renamed}: the name other peers see changed. */
    public static final String RENAMED = ROOT + "/Renamed";
    /** A {@link KeyProtectionChanged}: a passphrase was set, changed or removed. */
    public static final String KEY_PROTECTION_CHANGED = ROOT + "/KeyProtectionChanged";

    private IdentityTopics() {
    }
}
