/**
 * The node's data directory and its embedded database, in which each area keeps its own tables.
 */
package org.peerdesk.storage;
