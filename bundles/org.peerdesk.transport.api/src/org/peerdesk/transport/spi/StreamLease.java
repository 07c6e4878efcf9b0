package org.peerdesk.transport.spi;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * The access an open stream depends on. The transport attaches the stream to the lease once the
 * stream is open and releases it when the stream closes; the authorizer runs the attached action
 * (which resets the stream) when the access behind the lease is withdrawn.
 */
@ConsumerType
public interface StreamLease {

    /** For access that is never withdrawn while the stream is open. */
    StreamLease PERMANENT = new StreamLease() {
        @Override
        public void attach(Runnable withdraw) {
        }

        @Override
        public void release() {
        }
    };

    /** Runs {@code withdraw} when the access ends, at once if it already has. */
    void attach(Runnable withdraw);

    /** The stream closed: the lease no longer needs to watch over it. */
    void release();
}
