package org.peerdesk.storage;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Stream;

/**
 * A node's data directory, held exclusively while the node runs.
 *
 * <p>Opening one creates it if needed, checks that it is a Peerdesk directory of a format this
 * version reads, and takes an exclusive lock, so that a second node on the same directory is
 * refused instead of corrupting it, and closes it to other users of the machine. Closing releases the
 * lock. Nothing in the directory is ever deleted or rewritten by a refused open.
 */
public final class DataDirectory implements AutoCloseable {

    /** The on-disk layout this version writes and reads. */
    public static final int FORMAT = 1;

    static final String MARKER = "peerdesk.properties";
    static final String LOCK = "node.lock";
    /** Where the launcher keeps the OSGi framework's state for this node; written before the node opens. */
    public static final String RUNTIME = "runtime";
    /** Where plugin bundles go; a user may fill it before the node's first start. */
    public static final String PLUGINS = "plugins";
    /** Where downloads go unless the user says otherwise: the user's files, whichever node fetched them. */
    public static final String DOWNLOADS = "downloads";

    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rwx------");
    private static final Logger LOG = System.getLogger(DataDirectory.class.getName());

    private final Path path;
    private final FileChannel lockChannel;
    private final FileLock lock;
    private final Optional<Path> setAside;

    private DataDirectory(Path path, FileChannel lockChannel, FileLock lock, Optional<Path> setAside) {
        this.path = path;
        this.lockChannel = lockChannel;
        this.lock = lock;
        this.setAside = setAside;
    }

    /** {@code ~/.peerdesk}: where a node keeps its data unless told otherwise. */
    public static Path defaultPath() {
        return Path.of(System.getProperty("user.home"), ".peerdesk");
    }

    /**
     * Opens (and if absent creates) the data directory at {@code dir} and locks it; where a new node was asked for
     * ({@link #startOverAtNextStart}), sets the node it kept aside first.
     *
     * @throws DataDirectoryException if it is held by another node, is not a Peerdesk directory,
     *         was written by a newer Peerdesk, or cannot be written
     */
    public static DataDirectory open(Path dir) throws DataDirectoryException {
        Path path = dir.toAbsolutePath().normalize();
        try {
            createPrivate(path);
        } catch (IOException e) {
            throw new DataDirectoryException("Cannot create the data directory " + path + ": "
                    + describe(e) + ". Choose another one with --data.", e);
        }
        if (!Files.isDirectory(path)) {
            throw new DataDirectoryException(path + " is a file, not a directory. Choose a directory with --data.");
        }
        checkFormat(path);
        FileChannel channel = null;
        try {
            channel = FileChannel.open(path.resolve(LOCK), StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
            FileLock lock = tryLock(channel);
            if (lock == null) {
                String holder = readHolder(channel);
                channel.close();
                throw new DataDirectoryException("The data directory " + path + " is in use by another Peerdesk node"
                        + holder + ". Stop that node first, or choose another directory with --data.");
            }
            writeHolder(channel);
            Optional<Path> setAside = setAsideIfAsked(path);
            DataDirectory directory = new DataDirectory(path, channel, lock, setAside);
            directory.writeMarkerIfAbsent();
            keepPrivate(path);
            return directory;
        } catch (IOException e) {
            closeQuietly(channel);
            throw new DataDirectoryException("Cannot lock the data directory " + path + ": " + describe(e)
                    + ". Check that you may write to it.", e);
        }
    }

    private static Optional<Path> setAsideIfAsked(Path path) throws DataDirectoryException {
        try {
            return new StartOver(path).doIfAsked();
        } catch (IOException e) {
            throw new DataDirectoryException("Cannot set the node in " + path + " aside to start over: " + describe(e) + ". Nothing"
                    + " was lost; start again to go on, or remove " + path.resolve(StartOver.ASKED) + " to keep the node as it is"
                    + " (and move back what went into " + StartOver.PREFIX + "...).", e);
        }
    }

    private static FileLock tryLock(FileChannel channel) throws IOException {
        try {
            return channel.tryLock();
        } catch (OverlappingFileLockException e) {
            return null; // held by this very process
        }
    }

    private static void checkFormat(Path path) throws DataDirectoryException {
        Path marker = path.resolve(MARKER);
        if (!Files.exists(marker)) {
            if (hasForeignContent(path)) {
                throw new DataDirectoryException(path + " already holds files that Peerdesk did not write, so it is "
                        + "not used as a data directory. Choose an empty or new directory with --data.");
            }
            return;
        }
        Properties properties = new Properties();
        try (InputStream in = Files.newInputStream(marker)) {
            properties.load(in);
        } catch (IOException | IllegalArgumentException e) {
            throw new DataDirectoryException("The data directory marker " + marker + " cannot be read ("
                    + e.getMessage() + "). Nothing was changed; restore the file or choose another directory.", e);
        }
        String format = properties.getProperty("format", "");
        int version;
        try {
            version = Integer.parseInt(format.strip());
        } catch (NumberFormatException e) {
            throw new DataDirectoryException("The data directory marker " + marker + " is damaged (format '"
                    + format + "'). Nothing was changed; restore the file or choose another directory.", e);
        }
        if (version > FORMAT) {
            throw new DataDirectoryException("The data directory " + path + " was written by a newer Peerdesk (format "
                    + version + "; this version reads up to " + FORMAT + "). Upgrade Peerdesk to open it.");
        }
    }

    private static boolean hasForeignContent(Path path) throws DataDirectoryException {
        try (Stream<Path> entries = Files.list(path)) {
            return entries.map(entry -> entry.getFileName().toString())
                    .anyMatch(name -> !name.equals(LOCK) && !name.equals(RUNTIME) && !name.equals(PLUGINS));
        } catch (IOException e) {
            throw new DataDirectoryException("Cannot read the data directory " + path + ": " + describe(e), e);
        }
    }

    private void writeMarkerIfAbsent() throws IOException {
        Path marker = path.resolve(MARKER);
        if (Files.exists(marker)) {
            return;
        }
        Properties properties = new Properties();
        properties.setProperty("format", Integer.toString(FORMAT));
        Path temporary = path.resolve(MARKER + ".tmp");
        try (OutputStream out = Files.newOutputStream(temporary)) {
            properties.store(out, "Peerdesk data directory. Do not edit.");
        }
        try (FileChannel file = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
            file.force(true);
        }
        Files.move(temporary, marker, StandardCopyOption.ATOMIC_MOVE);
    }

    /** Makes a missing data directory (and its missing parents) its owner's alone from the start. */
    private static void createPrivate(Path path) throws IOException {
        try {
            Files.createDirectories(path, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
        } catch (UnsupportedOperationException noPosixPermissions) {
            Files.createDirectories(path);
        }
    }

    /**
     * Makes the directory its owner's alone: it holds messages, the names of shared files, who may do
     * what, and logs of it all, which other users of the machine have no business reading (the identity
     * key has a folder of its own, closed to them in any case). Where the file system has no such
     * permissions, it stays as it is.
     */
    private static void keepPrivate(Path path) throws IOException {
        try {
            Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(path);
            if (!permissions.equals(OWNER_ONLY)) {
                Files.setPosixFilePermissions(path, OWNER_ONLY);
                LOG.log(Level.INFO, "The data directory {0} was open to others ({1}); it is now its owner''s alone (rwx------)",
                        path, PosixFilePermissions.toString(permissions));
            }
        } catch (UnsupportedOperationException noPosixPermissions) {
            // such as a FAT-formatted drive: nothing to close
        }
    }

    private static void writeHolder(FileChannel channel) throws IOException {
        byte[] pid = Long.toString(ProcessHandle.current().pid()).getBytes(StandardCharsets.US_ASCII);
        channel.truncate(0);
        channel.write(ByteBuffer.wrap(pid), 0);
        channel.force(false);
    }

    private static String readHolder(FileChannel channel) {
        try {
            ByteBuffer buffer = ByteBuffer.allocate(32);
            int n = channel.read(buffer, 0);
            String pid = n > 0 ? new String(buffer.array(), 0, n, StandardCharsets.US_ASCII).strip() : "";
            return pid.matches("\\d+") ? " (process " + pid + ")" : "";
        } catch (IOException e) {
            return "";
        }
    }

    private static String describe(IOException e) {
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // the open already failed; that failure is the one reported
            }
        }
    }

    public Path path() {
        return path;
    }

    /** A path inside the data directory; {@code first} and {@code more} name a fixed layout, never user input. */
    public Path resolve(String first, String... more) {
        return path.resolve(Path.of(first, more));
    }

    /**
     * Makes a new node of this machine when the directory is opened next: everything this node kept (its identity, peers,
     * grants, conversations, backups' records, log) then moves, whole, into the folder returned, a data directory of its own
     * from which the old node runs again. The plugins installed and the downloads stay. Asking again returns the folder
     * named first.
     */
    public Path startOverAtNextStart() throws IOException {
        return new StartOver(path).ask(Clock.systemUTC());
    }

    /** Takes back {@link #startOverAtNextStart}; true if it had been asked for. */
    public boolean keepThisNode() throws IOException {
        return new StartOver(path).cancel();
    }

    /** The folder this node moves into at the next start, if {@link #startOverAtNextStart} was asked for. */
    public Optional<Path> startingOver() throws IOException {
        return new StartOver(path).asked();
    }

    /** The nodes that start-overs set aside in this directory, oldest first, each with the room its files take. */
    public List<KeptNode> keptNodes() throws IOException {
        return new StartOver(path).kept();
    }

    /**
     * Deletes, for good, the node a start-over set aside in the folder {@code name} (one of {@link #keptNodes}): its identity,
     * peers, grants, conversations, and what it held for other peers. Refused while a node runs from it. Returns what it was.
     */
    public KeptNode deleteKeptNode(String name) throws IOException {
        return new StartOver(path).delete(name);
    }

    /** The folder the node that ran here before moved into as this open started over, if it did. */
    public Optional<Path> setAside() {
        return setAside;
    }

    public boolean isHeld() {
        return lock.isValid();
    }

    @Override
    public void close() throws IOException {
        try {
            lock.release();
        } finally {
            lockChannel.close();
        }
    }

    @Override
    public String toString() {
        return path.toString();
    }
}
