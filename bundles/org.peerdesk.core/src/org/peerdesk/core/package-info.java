/**
 * Values shared by every Peerdesk bundle: peer identities, the error family and event topics.
 * Time-dependent code takes a {@link java.time.Clock} in its constructor, so tests set the time.
 */
package org.peerdesk.core;
