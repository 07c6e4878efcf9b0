package org.peerdesk.plugins;

/**
 * A plugin from the plugin folder as the node sees it: its file, the bundle it holds, whether it
 * runs, and what is wrong with it.
 *
 * @param file the file name in the plugin folder
 * @param symbolicName the bundle's symbolic name, empty if the file is not a bundle
 * @param version the bundle's version, empty if the file is not a bundle
 * @param running whether the bundle is started
 * @param problem why it does not run, or, when it runs, which of its components do not and why; empty when all do
 */
public record InstalledPlugin(String file, String symbolicName, String version, boolean running, String problem) {
}
