package org.peerdesk.storage;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

import org.peerdesk.core.FileTrees;

/**
 * A data directory that makes a new node of its machine at its next start: for a copy of another machine's node (a cloned
 * virtual machine, a computer set up from another's disk) or a machine whose node another took the place of. Asked for while
 * the node runs, as a file naming the folder that will keep the old node; done as the directory is next opened, before
 * anything in it is read: everything the node kept moves into that folder, whole, where it is a data directory of its own
 * (the old node runs again from it with {@code --data}). What belongs to the machine or the user rather than the node
 * stays: the plugins installed, the framework's cache, the downloads. Nothing is deleted, and a move cut short goes on at
 * the next open. The nodes set aside are listed, sized, and deleted only when the user says so.
 */
final class StartOver {

    static final String ASKED = "start-over";
    static final String PREFIX = "before-start-over-";
    private static final String KEEPER = PREFIX + "[0-9]{8}-[0-9]{6}";
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("uuuuMMdd-HHmmss").withZone(ZoneOffset.UTC);
    /** What stays in place: the machine's and the user's, not the node's. */
    private static final Set<String> STAYS = Set.of(DataDirectory.LOCK, DataDirectory.MARKER, DataDirectory.RUNTIME,
            DataDirectory.PLUGINS, DataDirectory.DOWNLOADS);

    private final Path directory;

    StartOver(Path directory) {
        this.directory = directory;
    }

    /** Asks for a new node at the next open; returns the folder that will keep this one. Asking again keeps the folder named first. */
    Path ask(Clock clock) throws IOException {
        Optional<Path> asked = asked();
        if (asked.isPresent()) {
            return asked.get();
        }
        String keeper = PREFIX + STAMP.format(clock.instant());
        Path writing = directory.resolve(ASKED + ".tmp");
        Files.writeString(writing, keeper + "\n", StandardCharsets.UTF_8);
        try (FileChannel file = FileChannel.open(writing, StandardOpenOption.WRITE)) {
            file.force(true);
        }
        Files.move(writing, directory.resolve(ASKED), StandardCopyOption.ATOMIC_MOVE);
        return directory.resolve(keeper);
    }

    /** Keeps the node as it is; true if a new one had been asked for. */
    boolean cancel() throws IOException {
        return Files.deleteIfExists(directory.resolve(ASKED));
    }

    /** The folder that will keep this node, if a new one was asked for. */
    Optional<Path> asked() throws IOException {
        Path file = directory.resolve(ASKED);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        String keeper = Files.readString(file, StandardCharsets.UTF_8).strip();
        if (!keeper.matches(KEEPER)) {
            throw new IOException(file + " does not name a folder to keep the node in ('" + keeper + "'); remove it to keep the"
                    + " node as it is");
        }
        return Optional.of(directory.resolve(keeper));
    }

    /**
     * Moves the node into the folder asked for, if a new one was asked for; the folder is a data directory of its own then,
     * marked as this one is. Returns the folder.
     */
    Optional<Path> doIfAsked() throws IOException {
        Optional<Path> asked = asked();
        if (asked.isEmpty()) {
            return asked;
        }
        Path keeper = asked.get();
        Files.createDirectories(keeper);
        Path marker = directory.resolve(DataDirectory.MARKER);
        if (Files.exists(marker)) { // copied, not moved: both are Peerdesk's directories all along
            Files.copy(marker, keeper.resolve(DataDirectory.MARKER), StandardCopyOption.REPLACE_EXISTING);
        }
        for (Path entry : theNodes()) {
            Files.move(entry, keeper.resolve(entry.getFileName()), StandardCopyOption.ATOMIC_MOVE);
        }
        cancel();
        return asked;
    }

    /** The nodes set aside here, oldest first, each sized; not one whose move is yet to be done or finished. */
    List<KeptNode> kept() throws IOException {
        Optional<Path> asked = asked();
        List<Path> folders;
        try (Stream<Path> entries = Files.list(directory)) {
            folders = entries.filter(entry -> entry.getFileName().toString().matches(KEEPER) && !asked.equals(Optional.of(entry))
                    && Files.isDirectory(entry, LinkOption.NOFOLLOW_LINKS)).sorted().toList();
        }
        List<KeptNode> kept = new ArrayList<>();
        for (Path folder : folders) {
            kept.add(new KeptNode(folder, setAsideAt(folder), FileTrees.size(folder)));
        }
        return kept;
    }

    /**
     * Deletes, for good, the node set aside in the folder {@code name}; refused for any other folder, and while a node runs
     * from it. Returns what it held.
     */
    KeptNode delete(String name) throws IOException {
        KeptNode node = kept().stream().filter(each -> each.name().equals(name)).findFirst()
                .orElseThrow(() -> new IOException("No node was set aside in '" + name + "' here (peerdesk start-over list shows those"
                        + " that were)."));
        try (FileChannel channel = FileChannel.open(node.folder().resolve(DataDirectory.LOCK), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE); FileLock lock = lockOf(channel)) {
            if (lock == null) {
                throw new IOException("A node runs from " + node.folder() + "; stop it first.");
            }
            FileTrees.delete(node.folder());
        }
        return node;
    }

    private static FileLock lockOf(FileChannel channel) throws IOException {
        try {
            return channel.tryLock();
        } catch (OverlappingFileLockException e) {
            return null; // this very process runs a node from it
        }
    }

    private static Instant setAsideAt(Path folder) {
        return STAMP.parse(folder.getFileName().toString().substring(PREFIX.length()), Instant::from);
    }

    /** What the node kept: everything but what stays, the request and the nodes set aside before. */
    private List<Path> theNodes() throws IOException {
        try (Stream<Path> entries = Files.list(directory)) {
            return entries.map(entry -> entry.getFileName().toString())
                    .filter(name -> !STAYS.contains(name) && !name.equals(ASKED) && !name.startsWith(PREFIX))
                    .map(directory::resolve).toList();
        }
    }
}
