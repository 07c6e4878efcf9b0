/** Third-party plugin bundles, run from the data directory's {@code plugins} folder. */
package org.peerdesk.plugins;
