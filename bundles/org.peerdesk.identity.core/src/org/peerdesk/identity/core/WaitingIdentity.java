package org.peerdesk.identity.core;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;

import org.peerdesk.core.FileTrees;
import org.peerdesk.core.IoMessages;
import org.peerdesk.identity.IdentityException;
import org.peerdesk.identity.KeptIdentity;

/**
 * An identity that takes the place of the node's own when the node next starts ({@code NodeIdentity.takeOverAtNextStart}),
 * with a certificate for the machine after the one it ran on ({@link org.peerdesk.identity.MachineSuccession}):
 * it waits beside the identity folder, as {@code identity-next}, until then; the folder the node had then goes aside as
 * {@code identity-before-TIME}, so that nothing of it is lost and a user who changes their mind can put it back.
 */
final class WaitingIdentity {

    private static final String NEXT = "-next";
    private static final String WRITING = "-next.writing";
    private static final String BEFORE = "-before-";
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("uuuuMMdd-HHmmss").withZone(ZoneOffset.UTC);

    private WaitingIdentity() {
    }

    /**
     * Copies the identity kept in {@code kept} to wait beside {@code identityFolder}, once its key and certificate proved
     * to belong together (the key opened with {@code passphrase} where one protects it); a copy that waited already is
     * replaced. Nothing changes when it fails.
     */
    static KeptIdentity set(Path identityFolder, Path kept, Optional<char[]> passphrase, Clock clock) throws IdentityException {
        IdentityStore source = new IdentityStore(kept, clock);
        if (!source.exists()) {
            throw new IdentityException("No node's identity is kept in " + kept + ".");
        }
        KeptIdentity identity = source.describe();
        if (identity.passphraseProtected() && passphrase.isEmpty()) {
            throw new IdentityException("A passphrase protects the key of " + identity.shownName() + ": give it to take its place.");
        }
        if (identity.passphraseProtected() && !source.opens(passphrase.get())) {
            throw new IdentityException("That passphrase does not open the key of " + identity.shownName() + ".");
        }
        Path writing = sibling(identityFolder, WRITING);
        try {
            deleteIfThere(writing);
            source.copyTo(writing);
            IdentityStore waiting = new IdentityStore(writing, clock);
            waiting.succeed(waiting.load(passphrase)); // loading proves that the key and the certificate belong together
            Path next = sibling(identityFolder, NEXT);
            deleteIfThere(next);
            Files.move(writing, next, StandardCopyOption.ATOMIC_MOVE);
            return identity;
        } catch (IOException e) {
            throw new IdentityException("Cannot set the identity of " + identity.shownName() + " to be taken at the next start: "
                    + IoMessages.of(e), e);
        } finally {
            deleteQuietly(writing);
        }
    }

    /** Puts the identity waiting beside {@code identityFolder} in its place, if one waits; true if one did. */
    static boolean takeIfWaiting(Path identityFolder, Clock clock) throws IdentityException {
        Path next = sibling(identityFolder, NEXT);
        if (!Files.isRegularFile(next.resolve(IdentityStore.KEY))) {
            return false;
        }
        try {
            if (Files.exists(identityFolder)) {
                Files.move(identityFolder, sibling(identityFolder, BEFORE + STAMP.format(clock.instant())));
            }
            Files.move(next, identityFolder, StandardCopyOption.ATOMIC_MOVE);
            return true;
        } catch (IOException e) {
            throw new IdentityException("Cannot put the identity waiting in " + next + " in place of " + identityFolder + ": "
                    + IoMessages.of(e) + ". Nothing was lost: move it there by hand, or remove it to keep this node's own.", e);
        }
    }

    private static Path sibling(Path identityFolder, String suffix) {
        return identityFolder.resolveSibling(identityFolder.getFileName() + suffix);
    }

    private static void deleteIfThere(Path folder) throws IOException {
        if (Files.exists(folder, LinkOption.NOFOLLOW_LINKS)) {
            FileTrees.delete(folder);
        }
    }

    private static void deleteQuietly(Path folder) {
        try {
            deleteIfThere(folder);
        } catch (IOException e) {
            System.getLogger(WaitingIdentity.class.getName()).log(System.Logger.Level.WARNING, "Could not remove {0}: {1}", folder,
                    IoMessages.of(e));
        }
    }
}
