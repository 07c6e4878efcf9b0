package org.peerdesk.examples.notes;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.peerdesk.backup.spi.BackupSource;
import org.peerdesk.core.FileNames;
import org.peerdesk.core.PeerdeskException;

/**
 * Offers the notes to backups, for sets that take them: each note's text as it is here, in a file named after its title
 * and ID, so that a lost machine does not take the notes along whose other members are away too.
 */
@Component(service = BackupSource.class)
public final class NotesBackup implements BackupSource {

    private final Notes notes;

    @Activate
    public NotesBackup(@Reference Notes notes) {
        this.notes = notes;
    }

    @Override
    public String name() {
        return "notes";
    }

    @Override
    public String label() {
        return "the shared notes, as text";
    }

    @Override
    public void write(Path into) throws IOException, PeerdeskException {
        for (Note note : notes.book().notes()) {
            Files.writeString(into.resolve(FileNames.of(note.title()) + " (" + note.shortId() + ").txt"), notes.book().text(note.id()));
        }
    }
}
