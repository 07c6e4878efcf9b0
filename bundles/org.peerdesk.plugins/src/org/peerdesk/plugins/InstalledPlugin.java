package org.peerdesk.plugins;

import java.util.List;
import java.util.Optional;

import org.peerdesk.permissions.AccessRule;

/**
 * A plugin from the plugin folder as the node sees it: its file, the bundle it holds, whether it
 * runs, what is wrong with it, the protocols through which peers reach it, and what it adds to messages.
 *
 * @param file the file name in the plugin folder
 * @param symbolicName the bundle's symbolic name, empty if the file is not a bundle
 * @param version the bundle's version, empty if the file is not a bundle
 * @param running whether the bundle is started
 * @param problem why it does not run, or, when it runs, which of its components do not and why; empty when all do
 * @param protocols the protocols it serves now, in the order of their IDs
 * @param contentTypes the types of message content it knows (sends, and checks in peers' messages), in order
 */
public record InstalledPlugin(String file, String symbolicName, String version, boolean running, String problem,
        List<Protocol> protocols, List<String> contentTypes) {

    public InstalledPlugin {
        protocols = List.copyOf(protocols);
        contentTypes = List.copyOf(contentTypes);
    }

    /**
     * A protocol handler the plugin registered: its ID and the access rule it declares ({@code peerdesk.access}), empty
     * when it declares none, which lets no peer in.
     */
    public record Protocol(String id, Optional<String> access) {

        /** Who may use it, in words: "trusted peers". */
        public String whoMay() {
            return AccessRule.whoMay(access.orElse(null));
        }
    }
}
