package org.peerdesk.storage;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The node's embedded database. Each area brings its own schema and works in its own tables.
 *
 * <p>Methods may be called from any thread and block on disk I/O: never call them on a Netty
 * event loop or the UI thread.
 */
@ProviderType
public interface Storage {

    /**
     * Brings the area's tables to the schema's latest version, applying the missing migrations in
     * order and recording each in the versions table. Call it when the area starts, before its
     * first query.
     *
     * @throws StorageException if a migration fails (the area stays at the last version that
     *         succeeded) or the database holds a newer version of the area than the schema knows
     */
    void migrate(AreaSchema schema) throws StorageException;

    /**
     * Runs {@code work} in one transaction: committed when it returns, rolled back when it throws.
     * Once this method returns, the change survives a crash of the process.
     */
    <T> T transact(SqlWork<T> work) throws StorageException;

    /** The version of the area's schema in the database; 0 if it has none yet. */
    int schemaVersion(String area) throws StorageException;
}
