package org.peerdesk.messaging.core;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.peerdesk.core.InvalidInputException;
import org.peerdesk.core.PeerId;
import org.peerdesk.files.FilesException;
import org.peerdesk.files.Share;
import org.peerdesk.files.ShareService;
import org.peerdesk.files.Transfers;
import org.peerdesk.messaging.Attachment;
import org.peerdesk.messaging.Message;
import org.peerdesk.messaging.MessagingException;
import org.peerdesk.permissions.Grant;
import org.peerdesk.permissions.GrantTerms;
import org.peerdesk.permissions.PermissionException;
import org.peerdesk.permissions.PermissionService;
import org.peerdesk.permissions.Resource;
import org.peerdesk.permissions.Right;

/**
 * Offers a message's files through the file service: copies them into this node's share
 * {@value #SHARE} (the data directory's {@code attachments/} folder, shared with nobody as a whole),
 * under a folder named after the message, and grants each recipient read on that folder alone. The
 * user's own files stay where they are. Deleting the message takes its folder and the grants away. Which of others'
 * files were fetched here, and to where, {@link FetchedFiles} says.
 */
final class FileShelf implements Shelf {

    static final String SHARE = "attachments";

    private final ShareService shares;
    private final Transfers transfers;
    private final FetchedFiles fetched;
    private final PermissionService permissions;
    private final Path folder;

    FileShelf(ShareService shares, Transfers transfers, FetchedFiles fetched, PermissionService permissions, Path folder) {
        this.shares = shares;
        this.transfers = transfers;
        this.fetched = fetched;
        this.permissions = permissions;
        this.folder = folder;
    }

    @Override
    public List<Attachment> offer(String messageId, List<Path> files, List<PeerId> recipients) throws MessagingException {
        try {
            Path shelf = Files.createDirectories(folder.resolve(messageId));
            List<Attachment> attachments = new ArrayList<>();
            for (Path file : files) {
                if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
                    throw new MessagingException(file + " is not a file; only files can be attached.");
                }
                Path copy = shelf.resolve(file.getFileName().toString());
                Files.copy(file, copy, StandardCopyOption.COPY_ATTRIBUTES, StandardCopyOption.REPLACE_EXISTING);
                attachments.add(new Attachment(Files.size(copy), SHARE + "/" + messageId + "/" + copy.getFileName()));
            }
            share();
            shares.rescan(SHARE);
            Resource granted = Resource.parse(SHARE + "/" + messageId);
            for (PeerId recipient : recipients) {
                permissions.grant(recipient, GrantTerms.of(granted, EnumSet.of(Right.READ)), Grant.Origin.GRANTED);
            }
            return attachments;
        } catch (IOException e) {
            throw new MessagingException("Could not attach the files: " + e.getMessage(), e);
        } catch (FilesException | PermissionException | InvalidInputException e) {
            throw new MessagingException("Could not offer the files to the recipients: " + e.getMessage(), e);
        }
    }

    @Override
    public Path local(Attachment attachment) {
        return folder.resolve(attachment.path().substring(SHARE.length() + 1));
    }

    @Override
    public Map<String, List<Path>> fetched(List<Message> messages) throws MessagingException {
        try {
            return fetched.of(messages, transfers.transfers());
        } catch (FilesException e) {
            throw new MessagingException("Could not read which files were fetched here: " + e.getMessage(), e);
        }
    }

    @Override
    public void withdraw(String messageId) throws MessagingException {
        try {
            Resource offered = Resource.parse(SHARE + "/" + messageId);
            for (Grant grant : permissions.grants()) {
                if (grant.resource().equals(offered)) {
                    permissions.revoke(grant.id());
                }
            }
            Path shelf = folder.resolve(messageId);
            if (Files.isDirectory(shelf, LinkOption.NOFOLLOW_LINKS)) {
                try (var files = Files.list(shelf)) {
                    for (Path file : files.toList()) {
                        Files.delete(file);
                    }
                }
                Files.delete(shelf);
                shares.rescan(SHARE);
            }
        } catch (IOException e) {
            throw new MessagingException("Could not delete the files of message " + messageId + ": " + e.getMessage(), e);
        } catch (FilesException | PermissionException | InvalidInputException e) {
            throw new MessagingException("Could not withdraw the files of message " + messageId + ": " + e.getMessage(), e);
        }
    }

    /** The attachments share, made the first time; a share of that name elsewhere is in the way, and said so. */
    private void share() throws FilesException, MessagingException {
        Optional<Share> existing = shares.share(SHARE);
        if (existing.isEmpty()) {
            shares.add(SHARE, folder);
        } else if (!existing.get().folder().toAbsolutePath().normalize().equals(folder.toAbsolutePath().normalize())) {
            throw new MessagingException("A share called '" + SHARE + "' shares " + existing.get().folder()
                    + "; rename it (peerdesk share rename) so that attachments can use the name.");
        }
    }
}
