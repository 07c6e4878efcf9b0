package org.peerdesk.files.core;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

import org.peerdesk.core.Base32;
import org.peerdesk.core.IgnoreRules;
import org.peerdesk.core.InvalidInputException;
import org.peerdesk.core.IoMessages;
import org.peerdesk.files.FileEntry;
import org.peerdesk.files.FilesException;
import org.peerdesk.files.IndexState;
import org.peerdesk.files.Share;
import org.peerdesk.files.ShareService;
import org.peerdesk.permissions.Resource;
import org.peerdesk.storage.SqlWork;
import org.peerdesk.storage.Storage;
import org.peerdesk.storage.StorageException;

/**
 * The node's shares and their indexes: plain logic over the database, the scanner and the folders.
 * Scans of one share never overlap; each scan that changed something is announced to the listener.
 */
final class ShareRegistry implements ShareService {

    /** Told when a share was added, renamed, removed or its index changed. */
    @FunctionalInterface
    interface Listener {
        void sharesChanged(String name);
    }

    private record Row(String id, String name, Path folder) {
    }

    private record ScanState(boolean scanning, Optional<String> problem, Optional<java.time.Instant> lastScan) {
    }

    private final Storage storage;
    private final ShareIndex index;
    private final Scanner scanner;
    private final Path dataDirectory;
    private final IndexFreshness freshness;
    private final Clock clock;
    private final Listener listener;
    private volatile List<Row> knownRows;
    private final Map<String, ReentrantLock> scanLocks = new ConcurrentHashMap<>();
    private final Map<String, ScanState> scans = new ConcurrentHashMap<>();
    private final CurrentIgnoreRules ignoreRules = new CurrentIgnoreRules();
    private final SecureRandom random = new SecureRandom();

    ShareRegistry(Storage storage, ShareIndex index, Scanner scanner, Path dataDirectory, IndexFreshness freshness, Clock clock,
            Listener listener) throws StorageException {
        this.storage = storage;
        this.index = index;
        this.scanner = scanner;
        this.dataDirectory = dataDirectory.toAbsolutePath().normalize();
        this.freshness = freshness;
        this.clock = clock;
        this.listener = listener;
        storage.migrate(FilesSchema.SCHEMA);
    }

    @Override
    public List<Share> shares() throws FilesException {
        List<Share> shares = new ArrayList<>();
        for (Row row : rows()) {
            shares.add(describe(row));
        }
        return shares;
    }

    @Override
    public Optional<Share> share(String name) throws FilesException {
        Optional<Row> row = row(name);
        return row.isEmpty() ? Optional.empty() : Optional.of(describe(row.get()));
    }

    @Override
    public Share add(String name, Path folder) throws FilesException {
        String checkedName = checkedName(name);
        Path real = checkedFolder(folder);
        String id = Base32.encode(randomBytes()).substring(0, 16);
        run(connection -> {
            if (find(connection, checkedName).isPresent()) {
                throw new SQLException(new InvalidInputException("There is already a share called '" + checkedName + "'."));
            }
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO shares (id, name, folder, created) VALUES (?, ?, ?, ?)")) {
                insert.setString(1, id);
                insert.setString(2, checkedName);
                insert.setString(3, real.toString());
                insert.setTimestamp(4, Timestamp.from(clock.instant()));
                insert.executeUpdate();
            }
            return null;
        });
        rowsChanged();
        listener.sharesChanged(checkedName);
        return describe(new Row(id, checkedName, real));
    }

    @Override
    public Share rename(String name, String newName) throws FilesException {
        Row row = existing(name);
        String checkedName = checkedName(newName);
        run(connection -> {
            Optional<Row> taken = find(connection, checkedName);
            if (taken.isPresent() && !taken.get().id().equals(row.id())) {
                throw new SQLException(new InvalidInputException("There is already a share called '" + checkedName + "'."));
            }
            try (PreparedStatement update = connection.prepareStatement("UPDATE shares SET name = ? WHERE id = ?")) {
                update.setString(1, checkedName);
                update.setString(2, row.id());
                update.executeUpdate();
            }
            return null;
        });
        rowsChanged();
        listener.sharesChanged(checkedName);
        return describe(new Row(row.id(), checkedName, row.folder()));
    }

    @Override
    public void remove(String name) throws FilesException {
        Row row = existing(name);
        run(connection -> {
            index.forget(connection, row.id());
            try (PreparedStatement delete = connection.prepareStatement("DELETE FROM shares WHERE id = ?")) {
                delete.setString(1, row.id());
                delete.executeUpdate();
            }
            return null;
        });
        rowsChanged();
        scans.remove(row.id());
        listener.sharesChanged(row.name());
    }

    @Override
    public Share rescan(String name) throws FilesException {
        Row row = existing(name);
        scan(row);
        return describe(row);
    }

    @Override
    public String ignoreRules(String name) throws FilesException {
        Row row = existing(name);
        try {
            return IgnoreFile.read(row.folder());
        } catch (IOException e) {
            throw new FilesException("The ignore rules of '" + row.name() + "' cannot be read: " + IoMessages.of(e), e);
        }
    }

    @Override
    public Share setIgnoreRules(String name, String rules) throws FilesException {
        Row row = existing(name);
        try {
            IgnoreFile.write(row.folder(), rules);
        } catch (InvalidInputException e) {
            throw new FilesException(e.getMessage(), e);
        } catch (IOException e) {
            throw new FilesException("The ignore rules of '" + row.name() + "' cannot be written: " + IoMessages.of(e), e);
        }
        scan(row);
        return describe(row);
    }

    /** Scans every share once (at start and periodically); a problem with one share does not stop the others. */
    void rescanAll() {
        rescanWhere(row -> true);
    }

    /** Rescans the share with this ID, if it still exists. */
    void rescanById(String id) {
        rescanWhere(row -> row.id().equals(id));
    }

    /**
     * Rescans the share with this ID unless its index is known to match its folder (see
     * {@link IndexFreshness}); for work that needs the index current, not a walk.
     */
    void refreshById(String id) throws FilesException {
        if (freshness.isFresh(id)) {
            return;
        }
        for (Row row : rows()) {
            if (row.id().equals(id)) {
                scan(row);
            }
        }
    }

    /** Problems end up in each share's state, which the views and the API show. */
    private void rescanWhere(java.util.function.Predicate<Row> which) {
        try {
            for (Row row : rows()) {
                if (which.test(row)) {
                    try {
                        scan(row);
                    } catch (FilesException e) {
                        // recorded in the share's state
                    }
                }
            }
        } catch (FilesException e) {
            // the database is gone: the node is stopping
        }
    }

    private void scan(Row row) throws FilesException {
        ReentrantLock lock = scanLocks.computeIfAbsent(row.id(), id -> new ReentrantLock());
        lock.lock();
        try {
            ScanState before = scans.getOrDefault(row.id(), new ScanState(false, Optional.empty(), Optional.empty()));
            scans.put(row.id(), new ScanState(true, before.problem(), before.lastScan()));
            freshness.scanStarting(row.id());
            try {
                Scanner.Report report = scanner.scan(row.id(), row.folder(), () -> listener.sharesChanged(row.name()));
                Optional<String> problem = report.problems().isEmpty() ? Optional.empty()
                        : Optional.of(report.problems().size() + " entries left out, such as " + report.problems().get(0));
                scans.put(row.id(), new ScanState(false, problem, Optional.of(clock.instant())));
                if (report.changed() + report.removed() > 0 || !problem.equals(before.problem())) {
                    listener.sharesChanged(row.name());
                }
            } catch (IOException | StorageException e) {
                freshness.scanFailed(row.id());
                scans.put(row.id(), new ScanState(false, Optional.of(IoMessages.of(e)), before.lastScan()));
                listener.sharesChanged(row.name());
                throw new FilesException("Could not index '" + row.name() + "': " + e.getMessage(), e);
            }
        } finally {
            lock.unlock();
        }
    }

    @Override
    public List<FileEntry> list(String name, String path, String after, int limit) throws FilesException {
        Row row = existing(name);
        try {
            String folder = SharePaths.normalize(path);
            return index.page(row.id(), folder, after == null ? "" : after, Math.max(1, Math.min(limit, 1000)));
        } catch (InvalidInputException e) {
            throw new FilesException(e.getMessage(), e);
        } catch (StorageException e) {
            throw new FilesException("The index of '" + name + "' cannot be read: " + e.getMessage(), e);
        }
    }

    /** The share's folder and index ID, for serving peers. */
    Optional<ShareRoot> root(String name) throws FilesException {
        return row(name).map(row -> new ShareRoot(row.id(), row.name(), row.folder()));
    }

    Optional<ShareRoot> rootById(String id) throws FilesException {
        return roots().stream().filter(root -> root.id().equals(id)).findFirst();
    }

    /** Every share's folder and ID, without reading the index totals that {@link #shares()} adds. */
    List<ShareRoot> roots() throws FilesException {
        return rows().stream().map(row -> new ShareRoot(row.id(), row.name(), row.folder())).toList();
    }

    /** A share as the file server and the transfers reach it. */
    record ShareRoot(String id, String name, Path folder) {
    }

    ShareIndex index() {
        return index;
    }

    // --- rows ----------------------------------------------------------------------------------

    private Share describe(Row row) throws FilesException {
        ScanState scan = scans.getOrDefault(row.id(), new ScanState(false, Optional.empty(), Optional.empty()));
        long[] totals;
        try {
            totals = index.totals(row.id(), currentRules(row.folder()));
        } catch (StorageException e) {
            throw new FilesException("The index of '" + row.name() + "' cannot be read: " + e.getMessage(), e);
        }
        return new Share(row.id(), row.name(), row.folder(),
                new IndexState(totals[0], totals[1], scan.lastScan(), scan.scanning(), scan.problem()));
    }

    /** The rules the share's .peerdeskignore holds now; none while it cannot be read (the scan says why). */
    private IgnoreRules currentRules(Path folder) {
        try {
            return ignoreRules.of(folder);
        } catch (IOException e) {
            return IgnoreRules.NONE;
        }
    }

    /** The shares table as last read; the file server looks a share up for every request, so it is read again only after a change. */
    private List<Row> rows() throws FilesException {
        List<Row> rows = knownRows;
        if (rows == null) {
            synchronized (this) {
                rows = knownRows;
                if (rows == null) {
                    rows = readRows();
                    knownRows = rows;
                }
            }
        }
        return rows;
    }

    /** After a change of the shares table has been committed (a read still under way when it was cannot be kept). */
    private synchronized void rowsChanged() {
        knownRows = null;
    }

    private List<Row> readRows() throws FilesException {
        return run(connection -> {
            List<Row> rows = new ArrayList<>();
            try (PreparedStatement select = connection.prepareStatement("SELECT id, name, folder FROM shares ORDER BY name");
                    ResultSet result = select.executeQuery()) {
                while (result.next()) {
                    rows.add(new Row(result.getString(1), result.getString(2), Path.of(result.getString(3))));
                }
            }
            return List.copyOf(rows);
        });
    }

    private Optional<Row> row(String name) throws FilesException {
        String lower = name.toLowerCase(Locale.ROOT);
        return rows().stream().filter(row -> row.name().toLowerCase(Locale.ROOT).equals(lower)).findFirst();
    }

    private Row existing(String name) throws FilesException {
        return row(name).orElseThrow(() -> new FilesException("There is no share called '" + name + "'."));
    }

    private static Optional<Row> find(java.sql.Connection connection, String name) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT id, name, folder FROM shares WHERE LOWER(name) = LOWER(?)")) {
            select.setString(1, name);
            try (ResultSet rows = select.executeQuery()) {
                return rows.next() ? Optional.of(new Row(rows.getString(1), rows.getString(2), Path.of(rows.getString(3))))
                        : Optional.empty();
            }
        }
    }

    private <T> T run(SqlWork<T> work) throws FilesException {
        try {
            return storage.transact(work);
        } catch (StorageException e) {
            if (e.getCause() instanceof SQLException sql && sql.getCause() instanceof InvalidInputException invalid) {
                throw new FilesException(invalid.getMessage(), invalid);
            }
            throw new FilesException("File sharing cannot reach the database: " + e.getMessage(), e);
        }
    }

    // --- checks --------------------------------------------------------------------------------

    private static String checkedName(String name) throws FilesException {
        try {
            Resource resource = Resource.share(name == null ? "" : name.strip());
            if (resource.kind() != Resource.Kind.SHARE || !resource.path().isEmpty()) {
                throw new InvalidInputException("'" + name + "' is not a share name: a share's name holds no '/'.");
            }
            return resource.share();
        } catch (InvalidInputException e) {
            throw new FilesException(e.getMessage(), e);
        }
    }

    /** The folder as a real path: it exists, is a folder, and neither overlaps another share nor holds the node's data. */
    private Path checkedFolder(Path folder) throws FilesException {
        Path real;
        try {
            if (folder == null || !Files.isDirectory(folder)) {
                throw new FilesException("'" + folder + "' is not a folder on this machine.");
            }
            real = folder.toRealPath(LinkOption.NOFOLLOW_LINKS).toRealPath();
        } catch (IOException e) {
            throw new FilesException("Cannot use '" + folder + "': " + IoMessages.of(e), e);
        }
        Path data = dataDirectory;
        try {
            data = dataDirectory.toRealPath();
        } catch (IOException e) {
            // a data directory not created yet cannot overlap
        }
        boolean attachments = real.startsWith(data.resolve(ShareService.ATTACHMENTS_FOLDER));
        if (!attachments && (real.startsWith(data) || data.startsWith(real))) {
            throw new FilesException("'" + real + "' holds or is inside Peerdesk's data directory (" + data
                    + "), which has this node's keys; share another folder.");
        }
        for (Row row : rows()) {
            if (real.startsWith(row.folder()) || row.folder().startsWith(real)) {
                throw new FilesException("'" + real + "' overlaps the share '" + row.name() + "' (" + row.folder()
                        + "); a folder belongs to one share.");
            }
        }
        return real;
    }

    private byte[] randomBytes() {
        byte[] bytes = new byte[10];
        random.nextBytes(bytes);
        return bytes;
    }
}
