package org.peerdesk.transport.ui;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

import org.eclipse.e4.core.di.extensions.Service;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Text;
import org.peerdesk.core.InvalidInputException;
import org.peerdesk.transport.PeerAddress;
import org.peerdesk.transport.PortMapping;
import org.peerdesk.transport.SeenAddresses;
import org.peerdesk.transport.PublicAddresses;
import org.peerdesk.transport.TransportException;
import org.peerdesk.transport.TransportService;
import org.peerdesk.ui.SettingsRows;
import org.peerdesk.ui.SettingsSection;
import org.peerdesk.ui.WidgetIds;

import jakarta.annotation.PostConstruct;
import jakarta.inject.Inject;

/**
 * Settings, Addresses: where the node listens, whether it asks the router to forward a port (UPnP or NAT-PMP) and what the router
 * answered, and the public addresses that invites name first, one a line.
 */
public final class PublicAddressSettings implements SettingsSection {

    @Inject
    @org.eclipse.e4.core.di.annotations.Optional
    @Service
    PublicAddresses settings;

    @Inject
    @org.eclipse.e4.core.di.annotations.Optional
    @Service
    TransportService transport;

    @Inject
    @org.eclipse.e4.core.di.annotations.Optional
    @Service
    PortMapping portMapping;

    @Inject
    @org.eclipse.e4.core.di.annotations.Optional
    @Service
    SeenAddresses seen;

    private List<PeerAddress> current = List.of();
    private Text lines;
    private boolean asking;
    private Button upnp;

    @PostConstruct
    void create(Composite section) {
        if (settings == null || transport == null) {
            SettingsRows.notRunning(section);
            return;
        }
        try {
            current = settings.addresses();
        } catch (TransportException e) {
            SettingsRows.note(section, "The public addresses cannot be read: " + e.getMessage());
            return;
        }
        SettingsRows.note(section, "Peers on your network reach this computer where it listens: "
                + transport.listenAddresses().stream().map(PeerAddress::shown).collect(Collectors.joining(", ")) + ".");
        seenRow(section);
        upnpRow(section);
        SettingsRows.note(section, "Where the router does not, forward a port of it to this computer by hand and write the router's"
                + " address or host name with that port here, one a line (such as home.example.net:22070). Invites name these"
                + " first; up to " + PublicAddresses.MAX + ".");
        lines = WidgetIds.name(new Text(section, SWT.MULTI | SWT.BORDER | SWT.V_SCROLL), "settings.addresses");
        lines.setText(current.stream().map(PeerAddress::toString).collect(Collectors.joining("\n")));
        GridDataFactory.fillDefaults().grab(true, false).hint(SWT.DEFAULT, lines.getLineHeight() * (PublicAddresses.MAX + 1)).applyTo(lines);
    }

    /** Where the peers connected directly reach this computer, if any said: from elsewhere, what a forward by hand makes public. */
    private void seenRow(Composite section) {
        List<SeenAddresses.Seen> said = seen == null ? List.of() : seen.seen();
        if (!said.isEmpty()) {
            WidgetIds.name(SettingsRows.note(section, "Peers reach it at: " + SeenAddresses.described(said) + "."), "settings.seen");
        }
    }

    /** "[x] Ask the router to forward a port to this computer (UPnP or NAT-PMP)" and what it answered, when port mapping is there. */
    private void upnpRow(Composite section) {
        if (portMapping == null) {
            return;
        }
        try {
            asking = portMapping.enabled();
        } catch (TransportException e) {
            SettingsRows.note(section, "Whether this computer asks its router to forward a port cannot be read: " + e.getMessage());
            return;
        }
        upnp = SettingsRows.check(section, "Ask the router to forward a port to this computer (UPnP or NAT-PMP), for peers elsewhere", asking,
                "settings.upnp");
        WidgetIds.name(SettingsRows.note(section, portMapping.status().said() + "."), "settings.upnp.status");
    }

    @Override
    public Optional<String> apply() {
        if (lines == null) {
            return Optional.empty();
        }
        Optional<String> problem;
        try {
            problem = SettingsSection.saveIfChanged(current, parse(lines.getText()), settings::setAddresses);
        } catch (InvalidInputException e) {
            return Optional.of("Addresses: " + e.getMessage());
        }
        if (problem.isPresent() || upnp == null) {
            return problem;
        }
        return SettingsSection.saveIfChanged(asking, upnp.getSelection(), portMapping::setEnabled);
    }

    /** The addresses written one a line; blank lines are skipped. */
    static List<PeerAddress> parse(String written) throws InvalidInputException {
        List<PeerAddress> addresses = new ArrayList<>();
        for (String line : written.split("\\R")) {
            if (!line.isBlank()) {
                addresses.add(PeerAddress.parse(line));
            }
        }
        return addresses;
    }
}
