package org.peerdesk.files.core;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

import org.peerdesk.core.InvalidInputException;
import org.peerdesk.core.IoMessages;
import org.peerdesk.core.NumberedProperties;
import org.peerdesk.core.PeerId;
import org.peerdesk.files.FilesException;

/**
 * The node's shares as a text file its backups keep ({@code shares.properties}, readable by the user too): each share's
 * name and folder, and the peers it syncs with (with the folders each keeps in sync, none meaning all), which a node
 * taking its place needs to share the same folders under the same names again.
 */
record KeptShares(List<Kept> shares) {

    static final String FILE = "shares.properties";

    /** A share, and whom it syncs with. */
    record Kept(String name, Path folder, List<Partner> partners) {
    }

    /** A peer a share syncs with, and which of its folders (none: all of it). */
    record Partner(PeerId peer, List<String> folders) {
    }

    KeptShares {
        shares = List.copyOf(shares);
    }

    void write(Path folder) throws IOException {
        Properties properties = new Properties();
        for (int i = 0; i < shares.size(); i++) {
            Kept share = shares.get(i);
            String key = "share." + (i + 1) + ".";
            properties.setProperty(key + "name", share.name());
            properties.setProperty(key + "folder", share.folder().toString());
            for (int j = 0; j < share.partners().size(); j++) {
                Partner partner = share.partners().get(j);
                String partnerKey = key + "sync." + (j + 1) + ".";
                properties.setProperty(partnerKey + "peer", partner.peer().toString());
                for (int k = 0; k < partner.folders().size(); k++) {
                    properties.setProperty(partnerKey + "folder." + (k + 1) + ".path", partner.folders().get(k));
                }
            }
        }
        NumberedProperties.write(folder.resolve(FILE), "The folders this node shares, kept so that a new machine can share them again",
                properties);
    }

    static KeptShares read(Path folder) throws FilesException {
        Path file = folder.resolve(FILE);
        try {
            List<Kept> shares = new ArrayList<>();
            for (NumberedProperties.Entry share : NumberedProperties.entries(NumberedProperties.read(file), "share", "name")) {
                List<Partner> partners = new ArrayList<>();
                for (NumberedProperties.Entry partner : share.entries("sync", "peer")) {
                    List<String> folders = new ArrayList<>();
                    for (NumberedProperties.Entry kept : partner.entries("folder", "path")) {
                        folders.add(kept.required("path"));
                    }
                    partners.add(new Partner(PeerId.parse(partner.required("peer")), folders));
                }
                shares.add(new Kept(share.required("name"), Path.of(share.required("folder")), partners));
            }
            return new KeptShares(shares);
        } catch (IOException e) {
            throw new FilesException("Cannot read " + file + ": " + IoMessages.of(e), e);
        } catch (InvalidInputException | IllegalArgumentException e) {
            throw new FilesException(file + " is damaged: " + e.getMessage(), e);
        }
    }
}
