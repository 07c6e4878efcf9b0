package org.peerdesk.permissions.event;

import org.peerdesk.core.Topics;

/** EventAdmin topics of the permissions area; each event carries its record under {@link Topics#DATA}. */
public final class PermissionTopics {

    public static final String ROOT = Topics.ROOT + "/permissions";
    public static final String ALL = ROOT + "/*";
    /** A {@link RequestChanged}: a request came in, was sent, or was decided. */
    public static final String REQUEST_CHANGED = ROOT + "/RequestChanged";
    /** A {@link AccessChanged}: a grant, a password or a trust state changed. */
    public static final String ACCESS_CHANGED = ROOT + "/AccessChanged";
    /** A {@link GivenChanged}: a peer told this node that what it grants this node changed. */
    public static final String GIVEN_CHANGED = ROOT + "/GivenChanged";
    /** An {@link Audited}: a refusal or a password attempt was written to the audit log. */
    public static final String AUDITED = ROOT + "/Audited";

    private PermissionTopics() {
    }
}
