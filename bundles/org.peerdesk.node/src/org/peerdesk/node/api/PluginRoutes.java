package org.peerdesk.node.api;

import java.util.LinkedHashMap;
import java.util.Map;

import org.peerdesk.plugins.InstalledPlugin;
import org.peerdesk.plugins.PluginLoader;
import org.peerdesk.storage.DataDirectory;

/** The admin API of plugins: what the plugins folder holds, whether each runs, and the commands they add. */
record PluginRoutes(DataDirectory data, PluginLoader plugins, CommandRoutes commands) {

    void register(ApiServer server) {
        server.route("GET", "/api/v1/plugins", body -> list());
    }

    private Map<String, Object> list() {
        return Map.of("folder", data.resolve(DataDirectory.PLUGINS).toString(), "folderProblem", plugins.folderProblem().orElse(""),
                "plugins", plugins.plugins().stream().map(PluginRoutes::describe).toList(), "commands", commands.described());
    }

    private static Map<String, Object> describe(InstalledPlugin plugin) {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("file", plugin.file());
        result.put("bundle", plugin.symbolicName());
        result.put("version", plugin.version());
        result.put("running", plugin.running());
        result.put("problem", plugin.problem());
        result.put("protocols", plugin.protocols().stream().map(protocol -> Map.of("id", protocol.id(), "access", protocol.access().orElse(""),
                "whoMay", protocol.whoMay())).toList());
        result.put("contentTypes", plugin.contentTypes());
        return result;
    }
}
