package org.peerdesk.transport.spi;

import org.osgi.annotation.versioning.ConsumerType;
import org.peerdesk.transport.Stream;

/**
 * Serves the streams that peers open for one protocol. Register it as an OSGi service with the
 * property {@value #PROTOCOL} set to the protocol ID (such as {@code /peerdesk/files/1}); the
 * transport hands it every stream for that protocol that the {@link StreamAuthorizer} allowed. A
 * handler never sees a raw connection, and never a stream from a peer that was not authorized.
 */
@ConsumerType
public interface ProtocolHandler {

    /** The service property that names the handled protocol. */
    String PROTOCOL = "peerdesk.protocol";

    /**
     * The service property that says who may open the protocol's streams: {@code anyone},
     * {@code trusted}, or {@code RIGHT@RESOURCE} such as {@code message@messages} (see the
     * permissions API's {@code AccessRule}). A handler that declares nothing serves no one.
     */
    String ACCESS = "peerdesk.access";

    /**
     * Serves one stream. Called on a thread of the transport's handler pool, where blocking reads
     * and writes are fine; the stream is closed when this returns or throws.
     */
    void handle(Stream stream) throws Exception;
}
