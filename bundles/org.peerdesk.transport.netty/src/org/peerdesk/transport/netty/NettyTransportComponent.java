package org.peerdesk.transport.netty;

import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.ComponentServiceObjects;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;
import org.osgi.service.event.EventConstants;
import org.osgi.service.event.EventHandler;
import org.peerdesk.core.PeerId;
import org.peerdesk.core.Topics;
import org.peerdesk.identity.NodeIdentity;
import org.peerdesk.identity.event.IdentityTopics;
import org.peerdesk.transport.ConnectedPeer;
import org.peerdesk.transport.DialProblem;
import org.peerdesk.transport.PeerAddress;
import org.peerdesk.transport.ProtocolId;
import org.peerdesk.transport.RateLimitSettings;
import org.peerdesk.transport.RateLimits;
import org.peerdesk.transport.Relaying;
import org.peerdesk.transport.Stream;
import org.peerdesk.transport.TransportException;
import org.peerdesk.transport.TransportService;
import org.peerdesk.transport.event.TransportTopics;
import org.peerdesk.transport.spi.ProtocolHandler;
import org.peerdesk.transport.spi.StreamAuthorizer;
import org.peerdesk.transport.spi.SuccessionRecord;

/**
 * The node's transport as an OSGi service: listens from the moment the node has an identity,
 * takes protocol handlers and the authorizer from the service registry as they come and go,
 * tells connected peers when the node is renamed, and holds transfers to the node's rate limits.
 * The framework property {@value #LISTEN} ({@code host:port}) says where to listen; by default on
 * every interface, port 22070 or the next free one.
 */
@Component(service = {TransportService.class, EventHandler.class}, immediate = true,
        property = {EventConstants.EVENT_TOPIC + "=" + IdentityTopics.RENAMED,
            EventConstants.EVENT_TOPIC + "=" + TransportTopics.RATE_LIMITS_CHANGED})
public final class NettyTransportComponent implements TransportService, EventHandler {

    public static final String LISTEN = "peerdesk.listen";
    private static final int PORTS_TO_TRY = 20;

    private record Ranked<T>(T service, int ranking) {
    }

    private final Map<ProtocolId, ProtocolHandler> handlers = new ConcurrentHashMap<>();
    private final List<Ranked<StreamAuthorizer>> authorizers = new CopyOnWriteArrayList<>();
    private final NettyTransport transport;
    private final ServiceRegistration<ProtocolHandler> relay;
    /** Greedy, as the next: the setting and the record come up with the database, often after the transport, and count from then. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    private volatile Relaying relaying;
    private volatile SuccessionRecord successionRecord;

    @Activate
    public NettyTransportComponent(@Reference NodeIdentity identity, @Reference EventAdmin events, BundleContext context)
            throws TransportException {
        this.transport = NettyTransport.start(new TcpLink(identity, Clock.systemUTC()), identity,
                settings(context.getProperty(LISTEN)), new EventAdminEvents(events), this::authorizer,
                protocol -> Optional.ofNullable(handlers.get(protocol)), () -> Optional.ofNullable(successionRecord));
        // a handler like any other, so that the permissions see its rule: only trusted peers are relayed, and relay
        this.relay = context.registerService(ProtocolHandler.class, transport.relayHandler(this::relaysForPeers), FrameworkUtil.asDictionary(
                Map.of(ProtocolHandler.PROTOCOL, RelayWire.PROTOCOL, ProtocolHandler.ACCESS, "trusted")));
    }

    static NettyTransport.Settings settings(String listen) throws TransportException {
        if (listen == null || listen.isBlank()) {
            return NettyTransport.Settings.listeningOn("0.0.0.0", NettyTransport.Settings.DEFAULT_PORT, PORTS_TO_TRY);
        }
        try {
            PeerAddress address = PeerAddress.parse(listen);
            return NettyTransport.Settings.listeningOn(address.host(), address.port(), 1);
        } catch (org.peerdesk.core.InvalidInputException e) {
            throw new TransportException("--listen: " + e.getMessage(), e);
        }
    }

    private Optional<StreamAuthorizer> authorizer() {
        return authorizers.stream().max(Comparator.comparingInt(Ranked::ranking)).map(Ranked::service);
    }

    /**
     * Takes handlers without getting them: a handler is only made on its first stream, so one that
     * needs this transport (to open streams of its own) never forms a cycle with it at start-up.
     */
    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addHandler(ComponentServiceObjects<ProtocolHandler> handler, Map<String, Object> properties) {
        protocolOf(properties).ifPresent(protocol -> handlers.put(protocol, new OnFirstUse(handler)));
    }

    void removeHandler(ComponentServiceObjects<ProtocolHandler> handler, Map<String, Object> properties) {
        protocolOf(properties).ifPresent(protocol -> handlers.computeIfPresent(protocol,
                (key, bound) -> bound instanceof OnFirstUse lazy && lazy.objects == handler ? null : bound));
    }

    private static final class OnFirstUse implements ProtocolHandler {
        private final ComponentServiceObjects<ProtocolHandler> objects;
        private volatile ProtocolHandler handler;

        OnFirstUse(ComponentServiceObjects<ProtocolHandler> objects) {
            this.objects = objects;
        }

        @Override
        public void handle(Stream stream) throws Exception {
            ProtocolHandler current = handler;
            if (current == null) {
                synchronized (this) {
                    if (handler == null) {
                        handler = objects.getService();
                    }
                    current = handler;
                    if (current == null) {
                        throw new TransportException("the handler for " + stream.protocol() + " could not be started");
                    }
                }
            }
            current.handle(stream);
        }
    }

    /** The user's choice; on while the setting is not there, off (refusing) when it cannot be read. */
    private boolean relaysForPeers() {
        Relaying setting = relaying;
        try {
            return setting == null || setting.relaysForPeers();
        } catch (TransportException e) {
            System.getLogger(NettyTransportComponent.class.getName()).log(System.Logger.Level.WARNING,
                    "Not relaying: {0}", e.getMessage());
            return false;
        }
    }

    private static Optional<ProtocolId> protocolOf(Map<String, Object> properties) {
        Object value = properties.get(ProtocolHandler.PROTOCOL);
        try {
            return Optional.of(ProtocolId.of(String.valueOf(value)));
        } catch (IllegalArgumentException e) {
            System.getLogger(NettyTransportComponent.class.getName()).log(System.Logger.Level.WARNING,
                    "Ignoring a protocol handler whose {0} is not a protocol ID: {1}", ProtocolHandler.PROTOCOL, value);
            return Optional.empty();
        }
    }

    /** At least one: a transport that accepted connections before any authorizer came would refuse every stream. */
    @Reference(cardinality = ReferenceCardinality.AT_LEAST_ONE, policy = ReferencePolicy.DYNAMIC)
    void addAuthorizer(StreamAuthorizer authorizer, Map<String, Object> properties) {
        authorizers.add(new Ranked<>(authorizer, properties.get(Constants.SERVICE_RANKING) instanceof Integer r ? r : 0));
    }

    void removeAuthorizer(StreamAuthorizer authorizer) {
        authorizers.removeIf(ranked -> ranked.service() == authorizer);
    }

    /** The limits as stored when the node starts; changes come as events. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    void setRateLimits(RateLimitSettings settings) {
        try {
            transport.limitRates(settings.limits());
        } catch (TransportException e) {
            System.getLogger(NettyTransportComponent.class.getName()).log(System.Logger.Level.WARNING,
                    "Running without rate limits: {0}", e.getMessage());
        }
    }

    void unsetRateLimits(RateLimitSettings settings) {
        // the limits in force stay until the node stops
    }

    /** What the transport saw before the record came up (a peer's refusal as the node dialed at its start) goes into it now. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    void setSuccessionRecord(SuccessionRecord record) {
        successionRecord = record;
        transport.successionRecordUp();
    }

    void unsetSuccessionRecord(SuccessionRecord record) {
        if (successionRecord == record) {
            successionRecord = null;
        }
    }

    @Override
    public void handleEvent(Event event) {
        if (event.getProperty(Topics.DATA) instanceof RateLimits limits) {
            transport.limitRates(limits);
        } else {
            transport.announceName();
        }
    }

    @Deactivate
    void stop() {
        relay.unregister();
        transport.close();
    }

    @Override
    public List<PeerAddress> listenAddresses() {
        return transport.listenAddresses();
    }

    @Override
    public boolean superseded() {
        return transport.superseded();
    }

    @Override
    public Optional<DialProblem> dialProblem(PeerId peer) {
        return transport.dialProblem(peer);
    }

    @Override
    public boolean refusedByAPeer() {
        return transport.refusedByAPeer();
    }

    @Override
    public CompletionStage<ConnectedPeer> connect(PeerId expected, List<PeerAddress> addresses) {
        return transport.connect(expected, addresses);
    }

    @Override
    public CompletionStage<ConnectedPeer> connectVia(PeerId relay, PeerId expected) {
        return transport.connectVia(relay, expected);
    }

    @Override
    public CompletionStage<ConnectedPeer> punch(PeerId expected, List<PeerAddress> addresses, boolean leads) {
        return transport.punch(expected, addresses, leads);
    }

    @Override
    public CompletionStage<Void> probe(PeerId expected, PeerAddress address) {
        return transport.probe(expected, address);
    }

    @Override
    public CompletionStage<Stream> openStream(PeerId peer, ProtocolId protocol) {
        return transport.openStream(peer, protocol);
    }

    @Override
    public List<ConnectedPeer> connectedPeers() {
        return transport.connectedPeers();
    }

    @Override
    public Optional<ConnectedPeer> connection(PeerId peer) {
        return transport.connection(peer);
    }

    @Override
    public void disconnect(PeerId peer) {
        transport.disconnect(peer);
    }
}
