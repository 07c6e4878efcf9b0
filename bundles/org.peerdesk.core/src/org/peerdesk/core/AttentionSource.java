package org.peerdesk.core;

import java.util.List;

/**
 * What an area, or a plugin, has waiting for the user: registered as an OSGi service, it is asked
 * after each event of the node (a second or two later, however many came) and every minute, and
 * whenever a client asks for the list. Keep it to reads of what the area already holds.
 */
public interface AttentionSource {

    /** The area's name, such as "access" or "backup"; a plugin's, such as its own name. */
    String area();

    /** What waits now, each item naming this source's {@link #area()}; empty when nothing does. */
    List<Attention> attention() throws PeerdeskException;
}
