package org.peerdesk.permissions.core;

import org.peerdesk.storage.AreaSchema;
import org.peerdesk.storage.Migration;

/** The permissions area's tables in the node's database. */
final class PermissionsSchema {

    static final AreaSchema SCHEMA = AreaSchema.of("permissions",
            Migration.sql(1, "trust, grants, requests, passwords, settings and the audit log",
                    "CREATE TABLE IF NOT EXISTS peer_trust (peer_id CHAR(64) PRIMARY KEY, state VARCHAR(16) NOT NULL, "
                            + "since TIMESTAMP WITH TIME ZONE NOT NULL)",
                    "CREATE TABLE IF NOT EXISTS grants (id BIGINT AUTO_INCREMENT PRIMARY KEY, peer_id CHAR(64) NOT NULL, "
                            + "resource VARCHAR(1024) NOT NULL, rights VARCHAR(64) NOT NULL, quota BIGINT, "
                            + "created TIMESTAMP WITH TIME ZONE NOT NULL, expires TIMESTAMP WITH TIME ZONE, origin VARCHAR(16) NOT NULL)",
                    "CREATE TABLE IF NOT EXISTS access_requests (id BIGINT AUTO_INCREMENT PRIMARY KEY, reference VARCHAR(64) NOT NULL, "
                            + "direction VARCHAR(16) NOT NULL, peer_id CHAR(64) NOT NULL, resource VARCHAR(1024) NOT NULL, "
                            + "rights VARCHAR(64) NOT NULL, quota BIGINT, expires TIMESTAMP WITH TIME ZONE, note VARCHAR(1000) NOT NULL, "
                            + "state VARCHAR(16) NOT NULL, created TIMESTAMP WITH TIME ZONE NOT NULL, decided TIMESTAMP WITH TIME ZONE, "
                            + "granted_rights VARCHAR(64), granted_expires TIMESTAMP WITH TIME ZONE, delivered BOOLEAN NOT NULL, "
                            + "UNIQUE (direction, peer_id, reference))",
                    "CREATE TABLE IF NOT EXISTS unlock_passwords (resource VARCHAR(1024) PRIMARY KEY, rights VARCHAR(64) NOT NULL, "
                            + "quota BIGINT, verifier VARCHAR(128) NOT NULL, set_at TIMESTAMP WITH TIME ZONE NOT NULL)",
                    "CREATE TABLE IF NOT EXISTS permission_settings (name VARCHAR(64) PRIMARY KEY, setting VARCHAR(256) NOT NULL)",
                    "CREATE TABLE IF NOT EXISTS audit_log (seq BIGINT PRIMARY KEY, at TIMESTAMP WITH TIME ZONE NOT NULL, "
                            + "event VARCHAR(32) NOT NULL, peer_id CHAR(64), resource VARCHAR(1024) NOT NULL, "
                            + "detail VARCHAR(2000) NOT NULL, hash CHAR(64) NOT NULL)",
                    "CREATE TABLE IF NOT EXISTS audit_head (id INT PRIMARY KEY, seq BIGINT NOT NULL, hash CHAR(64) NOT NULL)"),
            Migration.sql(2, "the backup storage a request was approved with, which the owner chooses",
                    "ALTER TABLE access_requests ADD COLUMN IF NOT EXISTS granted_quota BIGINT",
                    "UPDATE access_requests SET granted_quota = quota WHERE granted_rights IS NOT NULL"),
            Migration.sql(3, "what peers tell this node they grant it",
                    "CREATE TABLE IF NOT EXISTS given (owner_id CHAR(64) NOT NULL, resource VARCHAR(1024) NOT NULL, "
                            + "rights VARCHAR(64) NOT NULL, quota BIGINT, expires TIMESTAMP WITH TIME ZONE, "
                            + "since TIMESTAMP WITH TIME ZONE NOT NULL)",
                    "CREATE INDEX IF NOT EXISTS given_by_owner ON given (owner_id)"),
            Migration.sql(4, "the name an asker gave for itself, which names a stranger's request",
                    "ALTER TABLE access_requests ADD COLUMN IF NOT EXISTS asker_name VARCHAR(1024)"),
            Migration.sql(5, "wrong passwords counted, so that a restart ends no lock-out",
                    "CREATE TABLE IF NOT EXISTS unlock_failures (scope VARCHAR(64) NOT NULL, resource VARCHAR(1024) NOT NULL, "
                            + "failures INT NOT NULL, next_try TIMESTAMP WITH TIME ZONE, PRIMARY KEY (scope, resource))"));

    private PermissionsSchema() {
    }
}
