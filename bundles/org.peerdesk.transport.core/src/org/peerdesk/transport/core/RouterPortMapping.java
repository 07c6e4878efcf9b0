package org.peerdesk.transport.core;

import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;
import org.peerdesk.core.InvalidInputException;
import org.peerdesk.core.Threads;
import org.peerdesk.core.Topics;
import org.peerdesk.storage.Storage;
import org.peerdesk.storage.StorageException;
import org.peerdesk.transport.PeerAddress;
import org.peerdesk.transport.PortMapping;
import org.peerdesk.transport.TransportException;
import org.peerdesk.transport.TransportService;
import org.peerdesk.transport.event.TransportTopics;

/**
 * Port mapping for the node (area {@code port_mapping} holds whether it is on): a {@link PortMapper} asking the router
 * in front of each private IPv4 address the node listens on, found by a UPnP search or else, where the system names the
 * address's default gateway, by NAT-PMP there. The framework property {@value #PROPERTY} sends the UPnP search to one
 * address ({@code HOST:PORT}) instead of the SSDP group, asking nothing else, or keeps the node from asking at all for
 * the run ({@code off}, as the tests do, so that no search leaves the machine).
 */
@Component(service = PortMapping.class, immediate = true)
public final class RouterPortMapping implements PortMapping {

    public static final String PROPERTY = "peerdesk.upnp";
    private static final Logger LOG = System.getLogger(RouterPortMapping.class.getName());
    private static final Duration SEARCH_WAIT = Duration.ofSeconds(3);

    private final StoredSwitch enabled;
    private final TransportService transport;
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(Threads.daemon("peerdesk-port-mapping"));
    private final PortMapper mapper;
    /** Why the node does not ask for this run, when the property says so. */
    private final Optional<Status> offForTheRun;

    @Activate
    public RouterPortMapping(@Reference Storage storage, @Reference TransportService transport, @Reference EventAdmin events,
            BundleContext context) throws StorageException, TransportException {
        this.enabled = new StoredSwitch(storage, "port_mapping", "maps", "whether the node asks its router to forward a port (UPnP or NAT-PMP)");
        this.transport = transport;
        String setting = context.getProperty(PROPERTY);
        Optional<InetSocketAddress> target;
        try {
            target = searchTarget(setting);
        } catch (InvalidInputException e) {
            LOG.log(Level.WARNING, "Not asking the router to forward a port: {0}", e.getMessage());
            target = Optional.empty();
        }
        InetSocketAddress searched = target.orElse(UpnpGateway.SSDP);
        boolean anyRouter = searched.equals(UpnpGateway.SSDP);
        this.mapper = new PortMapper(local -> router(searched, local, anyRouter), this::forwardable, scheduler,
                status -> events.postEvent(new Event(TransportTopics.PORT_MAPPING_CHANGED, Map.of(Topics.DATA, status))));
        this.offForTheRun = target.isPresent() ? Optional.empty()
                : Optional.of(new Status(State.OFF, Optional.empty(), "Off on this run of the node (" + PROPERTY + "=" + setting + ")"));
        apply(enabled.on());
    }

    /** The SSDP group, unless {@code setting} names another address; empty for "off". */
    static Optional<InetSocketAddress> searchTarget(String setting) throws InvalidInputException {
        if (setting == null || setting.isBlank()) {
            return Optional.of(UpnpGateway.SSDP);
        }
        if (setting.strip().equals("off")) {
            return Optional.empty();
        }
        PeerAddress address = PeerAddress.parse(setting);
        return Optional.of(new InetSocketAddress(address.host(), address.port()));
    }

    private void apply(boolean on) {
        if (offForTheRun.isPresent()) {
            return;
        }
        if (on) {
            mapper.turnOn();
        } else {
            mapper.turnOff();
        }
    }

    @Deactivate
    void stop() {
        mapper.stop();
        scheduler.shutdownNow();
    }

    @Override
    public boolean enabled() throws TransportException {
        return enabled.on();
    }

    @Override
    public void setEnabled(boolean on) throws TransportException {
        enabled.set(on);
        apply(on);
    }

    @Override
    public Status status() {
        return offForTheRun.orElseGet(mapper::status);
    }

    /** The router that answers a UPnP search from {@code local}, or else (when {@code orNatPmp}) its default gateway if that answers NAT-PMP. */
    private static Optional<? extends Router> router(InetSocketAddress searched, InetAddress local, boolean orNatPmp) throws IOException {
        Optional<UpnpGateway> upnp = UpnpGateway.find(searched, local, SEARCH_WAIT);
        Optional<InetAddress> gateway = orNatPmp && upnp.isEmpty() ? DefaultGateway.of(local) : Optional.empty();
        return gateway.isPresent() ? NatPmpGateway.find(new InetSocketAddress(gateway.get(), NatPmpGateway.PORT), local) : upnp;
    }

    /** The private IPv4 addresses the node listens on (each of this machine's, for a node listening on every one), with the port. */
    private List<InetSocketAddress> forwardable() {
        List<InetSocketAddress> forwardable = new ArrayList<>();
        for (PeerAddress listening : transport.listenAddresses()) {
            try {
                InetAddress address = InetAddress.getByName(listening.host());
                if (address instanceof Inet4Address && address.isSiteLocalAddress()) {
                    forwardable.add(new InetSocketAddress(address, listening.port()));
                }
            } catch (UnknownHostException e) {
                // a name, not an address of this machine's: nothing a router forwards to
            }
        }
        return forwardable;
    }
}
