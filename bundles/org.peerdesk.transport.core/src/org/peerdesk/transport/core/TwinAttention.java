package org.peerdesk.transport.core;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventConstants;
import org.osgi.service.event.EventHandler;
import org.peerdesk.core.Attention;
import org.peerdesk.core.AttentionSource;
import org.peerdesk.core.Elapsed;
import org.peerdesk.core.Topics;
import org.peerdesk.identity.NodeIdentity;
import org.peerdesk.transport.PeerDirectory;
import org.peerdesk.transport.event.TransportTopics;
import org.peerdesk.transport.event.TwinSeen;

/**
 * Another machine running as this node at the same time, as a peer that met both said: most often a data directory
 * copied with the rest of a home folder, a virtual machine cloned, a computer set up from another's disk. Peers keep one of
 * the two, so the other's user needs to know, and so does the kept one's (the copy is theirs too). Said while peers still
 * meet both: a refused machine redials within minutes, and each time it is refused again.
 */
@Component(immediate = true, service = {AttentionSource.class, EventHandler.class},
        property = EventConstants.EVENT_TOPIC + "=" + TransportTopics.TWIN_SEEN)
public final class TwinAttention implements AttentionSource, EventHandler {

    /** How long after a peer last met both machines this still says so. */
    static final Duration SAID_FOR = Duration.ofMinutes(10);
    /** What the user of a machine that peers refuse to take for the node does, and where. */
    static final String START_OVER_HERE = "start this machine over as a node of its own";
    static final String START_OVER_COMMAND = "peerdesk start-over";
    static final String START_OVER_VIEW = "org.peerdesk.app.command.startOver";
    private static final String COPIES = "a copied data directory (a cloned virtual machine, a computer set up from another's"
            + " disk) makes two machines one node";

    private final NodeIdentity identity;
    private final PeerDirectory directory;
    private final Clock clock;
    private final AtomicReference<TwinSeen> last = new AtomicReference<>();

    @Activate
    public TwinAttention(@Reference NodeIdentity identity, @Reference PeerDirectory directory) {
        this(identity, directory, Clock.systemUTC());
    }

    TwinAttention(NodeIdentity identity, PeerDirectory directory, Clock clock) {
        this.identity = identity;
        this.directory = directory;
        this.clock = clock;
    }

    @Override
    public void handleEvent(Event event) {
        if (event.getProperty(Topics.DATA) instanceof TwinSeen seen) {
            last.set(seen);
        }
    }

    @Override
    public String area() {
        return "node";
    }

    @Override
    public List<Attention> attention() {
        TwinSeen seen = last.get();
        if (seen == null || seen.at().plus(SAID_FOR).isBefore(clock.instant())) {
            return List.of();
        }
        String peer = directory.nameOf(seen.peer());
        String when = Elapsed.since(seen.at(), clock.instant());
        boolean refusedHere = seen.thisMachineRefused();
        String what = "another machine runs as " + identity.displayName() + " right now, at " + seen.other().shown() + ": "
                + peer + (refusedHere ? " keeps that one and refused this one" : " keeps this one and refused that one") + " ("
                + when + "); " + COPIES + "; " + (refusedHere ? START_OVER_HERE : "on that machine, run peerdesk start-over to make it"
                + " a node of its own; if that machine is not yours, someone has this node's key: start this one over too, and ask"
                + " your peers to block this node");
        return List.of(refusedHere ? new Attention(area(), what, START_OVER_COMMAND, START_OVER_VIEW) : new Attention(area(), what, "", ""));
    }
}
