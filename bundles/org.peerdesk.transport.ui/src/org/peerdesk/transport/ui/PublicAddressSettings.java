package org.peerdesk.transport.ui;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

import org.eclipse.e4.core.di.extensions.Service;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Text;
import org.peerdesk.core.InvalidInputException;
import org.peerdesk.transport.PeerAddress;
import org.peerdesk.transport.PublicAddresses;
import org.peerdesk.transport.TransportException;
import org.peerdesk.transport.TransportService;
import org.peerdesk.ui.SettingsRows;
import org.peerdesk.ui.SettingsSection;
import org.peerdesk.ui.WidgetIds;

import jakarta.annotation.PostConstruct;
import jakarta.inject.Inject;

/** Settings, Addresses: the public addresses that invites name first, one a line, beside where the node listens. */
public final class PublicAddressSettings implements SettingsSection {

    @Inject
    @org.eclipse.e4.core.di.annotations.Optional
    @Service
    PublicAddresses settings;

    @Inject
    @org.eclipse.e4.core.di.annotations.Optional
    @Service
    TransportService transport;

    private List<PeerAddress> current = List.of();
    private Text lines;

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
        SettingsRows.note(section, "For peers elsewhere, forward a port of your router to this computer and write the router's"
                + " address or host name with that port here, one a line (such as home.example.net:22070). Invites name these"
                + " first; up to " + PublicAddresses.MAX + ".");
        lines = WidgetIds.name(new Text(section, SWT.MULTI | SWT.BORDER | SWT.V_SCROLL), "settings.addresses");
        lines.setText(current.stream().map(PeerAddress::toString).collect(Collectors.joining("\n")));
        GridDataFactory.fillDefaults().grab(true, false).hint(SWT.DEFAULT, lines.getLineHeight() * (PublicAddresses.MAX + 1)).applyTo(lines);
    }

    @Override
    public Optional<String> apply() {
        if (lines == null) {
            return Optional.empty();
        }
        try {
            return SettingsSection.saveIfChanged(current, parse(lines.getText()), settings::setAddresses);
        } catch (InvalidInputException e) {
            return Optional.of("Addresses: " + e.getMessage());
        }
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
