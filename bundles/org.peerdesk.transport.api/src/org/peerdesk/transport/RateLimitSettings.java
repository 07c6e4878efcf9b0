package org.peerdesk.transport;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The node's {@link RateLimits}, kept in its database; a change applies at once, to transfers under
 * way too, and is posted as {@link org.peerdesk.transport.event.TransportTopics#RATE_LIMITS_CHANGED}.
 * Methods block on the database.
 */
@ProviderType
public interface RateLimitSettings {

    RateLimits limits() throws TransportException;

    void setLimits(RateLimits limits) throws TransportException;
}
