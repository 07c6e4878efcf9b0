package org.peerdesk.files.core;

import java.io.IOException;
import java.util.List;
import java.util.Optional;

import org.peerdesk.core.InvalidInputException;
import org.peerdesk.core.PeerId;
import org.peerdesk.files.FileEntry;
import org.peerdesk.files.FilesException;
import org.peerdesk.files.RemoteFiles;
import org.peerdesk.files.RemoteListing;
import org.peerdesk.files.RemoteMatches;
import org.peerdesk.permissions.Resource;
import org.peerdesk.permissions.Right;
import org.peerdesk.transport.StreamRefusedException;

/** Browses peers' shares over {@value FilesWire#PROTOCOL}, one short stream a question. */
final class RemoteBrowser implements RemoteFiles {

    private final Connector connector;

    RemoteBrowser(Connector connector) {
        this.connector = connector;
    }

    /** None, from a peer that refuses the stream for lack of access: it gave this node read on no share. */
    @Override
    public List<String> shares(PeerId peer) throws FilesException {
        try (FilesClient client = open(peer)) {
            return client.shares();
        } catch (FilesException e) {
            if (StreamRefusedException.forLackOfAccess(e)) {
                return List.of();
            }
            throw e;
        } catch (IOException | InvalidInputException e) {
            throw failure(peer, e);
        }
    }

    @Override
    public RemoteListing list(PeerId peer, String folder, String after, int limit) throws FilesException {
        Resource resource;
        try {
            resource = Resource.parse(folder);
            if (resource.kind() != Resource.Kind.SHARE) {
                throw new InvalidInputException("'" + folder + "' is not in a share; name it as SHARE or SHARE/FOLDER.");
            }
        } catch (InvalidInputException e) {
            throw new FilesException(e.getMessage(), e);
        }
        try (FilesClient client = open(peer)) {
            FilesClient.Page<FileEntry> page = client.list(resource.share(), resource.path(), after == null ? "" : after,
                    Math.max(1, Math.min(limit, MAX_PAGE)));
            Optional<String> next = page.more() && !page.items().isEmpty()
                    ? Optional.of(page.items().get(page.items().size() - 1).pageMark()) : Optional.empty();
            return new RemoteListing(peer, resource.share(), resource.path(), page.items(), next);
        } catch (FilesException e) {
            throw StreamRefusedException.forLackOfAccess(e) ? notGiven(peer, resource, e) : e;
        } catch (FilesWire.RemoteError e) {
            throw e.notGranted() ? notGiven(peer, resource, e) : failure(peer, e);
        } catch (IOException | InvalidInputException e) {
            throw failure(peer, e);
        }
    }

    /** None, from a peer that refuses the stream for lack of access, as {@link #shares}. */
    @Override
    public RemoteMatches find(PeerId peer, String text, int limit) throws FilesException {
        List<String> words;
        try {
            words = SearchWords.of(text);
        } catch (InvalidInputException e) {
            throw new FilesException(e.getMessage(), e);
        }
        try (FilesClient client = open(peer)) {
            FilesClient.Page<RemoteMatches.Match> page = client.find(words, Math.max(1, Math.min(limit, MAX_PAGE)));
            return new RemoteMatches(peer, page.items(), page.more());
        } catch (FilesException e) {
            if (StreamRefusedException.forLackOfAccess(e)) {
                return new RemoteMatches(peer, List.of(), false);
            }
            throw e;
        } catch (IOException | InvalidInputException e) {
            throw failure(peer, e);
        }
    }

    private FilesClient open(PeerId peer) throws FilesException {
        try {
            return connector.open(peer);
        } catch (IOException e) {
            throw failure(peer, e);
        }
    }

    private FilesException notGiven(PeerId peer, Resource folder, Exception refusal) {
        return new FilesException(NotGiven.message(connector.nameOf(peer), peer, folder, Right.READ) + ".", refusal);
    }

    private FilesException failure(PeerId peer, Exception e) {
        String why = e instanceof FilesWire.RemoteError ? connector.nameOf(peer) + " says: " + e.getMessage()
                : "Cannot browse " + connector.nameOf(peer) + ": " + e.getMessage();
        return new FilesException(why, e);
    }
}
