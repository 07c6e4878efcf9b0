package org.peerdesk.transport.event;

import org.peerdesk.core.Topics;

/** EventAdmin topics the transport posts on; each event carries its record under {@link Topics#DATA}. */
public final class TransportTopics {

    public static final String ROOT = Topics.ROOT + "/transport";
    public static final String ALL = ROOT + "/*";
    /** A {@link PeerConnected}. */
    public static final String PEER_CONNECTED = ROOT + "/PeerConnected";
    /** A {@link PeerDisconnected}. */
    public static final String PEER_DISCONNECTED = ROOT + "/PeerDisconnected";
    /** A {@link KnownPeersChanged}. */
    public static final String KNOWN_PEERS_CHANGED = ROOT + "/KnownPeersChanged";
    /** A {@link PeerIntroduced}. */
    public static final String PEER_INTRODUCED = ROOT + "/PeerIntroduced";
    /** An {@link IntroductionsChanged}. */
    public static final String INTRODUCTIONS_CHANGED = ROOT + "/IntroductionsChanged";
    /** A {@link PeerRenamed}. */
    public static final String PEER_RENAMED = ROOT + "/PeerRenamed";
    /** An {@link IdentityMoved}. */
    public static final String IDENTITY_MOVED = ROOT + "/IdentityMoved";
    /** A {@link TwinSeen}. */
    public static final String TWIN_SEEN = ROOT + "/TwinSeen";
    /** A {@link TwinRefused}. */
    public static final String TWIN_REFUSED = ROOT + "/TwinRefused";
    /** A {@link PeerAddressChanged}. */
    public static final String PEER_ADDRESS_CHANGED = ROOT + "/PeerAddressChanged";

    /** The node's {@link org.peerdesk.transport.RateLimits}, as they are now. */
    public static final String RATE_LIMITS_CHANGED = ROOT + "/RateLimitsChanged";

    /** The node's {@link org.peerdesk.transport.PublicAddresses}, as the user set them now (a list of addresses). */
    public static final String PUBLIC_ADDRESSES_CHANGED = ROOT + "/PublicAddressesChanged";

    /** The node's {@link org.peerdesk.transport.PortMapping.Status}, as it is now. */
    public static final String PORT_MAPPING_CHANGED = ROOT + "/PortMappingChanged";

    private TransportTopics() {
    }
}
