package org.peerdesk.backup.spi;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Pattern;

import org.osgi.annotation.versioning.ConsumerType;
import org.peerdesk.core.PeerId;
import org.peerdesk.core.PeerdeskException;

/**
 * Data of an area's or a plugin's own that backups keep beside the user's folders, so that it is not lost with the
 * machine: the conversations, a plugin's notes. Registered as an OSGi service. A set that takes it (the user says so per
 * set) keeps in each snapshot what {@link #write} wrote at the start of the run, under {@code Peerdesk/NAME/}, and a
 * restore brings it back as files there. Where a write fails, or the source is not installed at a run, the snapshot keeps
 * what it wrote last (the run says why), never an empty folder.
 */
@ConsumerType
public interface BackupSource {

    /** What a source's name may be: a word of lower-case letters, digits and dashes. */
    Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,39}");

    /** Its name, unique on the node: the folder its files go in, and what the user names it by ({@code --with NAME}). */
    String name();

    /** What the user is told it keeps, to finish "Also back up ...": "your conversations, as text". */
    String label();

    /**
     * Writes what is to be kept, as it is now, into the empty folder {@code into}: files, and folders of them. Runs on a
     * backup's own thread; it may take a while for much data, but should not wait on the network.
     */
    void write(Path into) throws IOException, PeerdeskException;

    /**
     * Brings what {@link #write} wrote on another node into this one, which takes that node's place ({@code node}, whose ID
     * it has from its next start): {@code from} is the source's folder in the snapshot that kept the node. Says what came
     * back ("1,204 messages in 9 conversations"), or nothing where it brings nothing (the default: its files stay in the
     * backup, to restore). Runs once the node took the other's place; where it throws, the take-over says so, and taking
     * over again calls it again: taking the same folder again must bring only what is not here yet.
     */
    default Optional<String> takeBack(Path from, PeerId node) throws IOException, PeerdeskException {
        return Optional.empty();
    }

    /**
     * Called in place of {@link #takeBack} where the snapshot that kept the node kept nothing of this source: brings back
     * what it can from elsewhere (from the node's peers, say) for {@code node}, whose place this node takes. Says what, as
     * {@link #takeBack} does; the default brings nothing.
     */
    default Optional<String> takeBackWithoutData(PeerId node) throws IOException, PeerdeskException {
        return Optional.empty();
    }
}
