package org.peerdesk.core;

/**
 * Roots of the EventAdmin topics that Peerdesk's services post on: {@code org/peerdesk/<area>/<Event>}.
 * Constants are built as {@code ROOT + "/area"} so that they can be used in annotations;
 * Each area's API declares its own topics under {@link #area(String)}; every event carries a typed
 * record under {@link #DATA}, the key e4 parts inject from.
 */
public final class Topics {

    public static final String ROOT = "org/peerdesk";
    /** Same value as e4's {@code IEventBroker.DATA}, so parts can inject the payload directly. */
    public static final String DATA = "org.eclipse.e4.data";
    /** Event property holding the {@link PeerId} text of the peer an event is about, for filters. */
    public static final String PEER = "peer.id";

    public static final String NODE = ROOT + "/node";
    public static final String NODE_STARTED = NODE + "/Started";
    public static final String NODE_STOPPING = NODE + "/Stopping";
    /**
     * The user asked for a new node at the next start, or took that back: {@link #DATA} holds the folder the node is to move
     * into, as text, or "" once taken back.
     */
    public static final String NODE_STARTING_OVER = NODE + "/StartingOver";
    /** A node a start-over set aside was deleted: {@link #DATA} holds its folder's name. */
    public static final String NODE_SET_ASIDE_DELETED = NODE + "/SetAsideDeleted";

    private Topics() {
    }

    /** The topic root of an area, such as {@code org/peerdesk/files}. */
    public static String area(String name) {
        if (!name.matches("[a-z][a-z0-9]*")) {
            throw new IllegalArgumentException("Area names are lower-case words: " + name);
        }
        return ROOT + "/" + name;
    }

    /** A wildcard topic matching every event of an area. */
    public static String all(String areaTopic) {
        return areaTopic + "/*";
    }
}
