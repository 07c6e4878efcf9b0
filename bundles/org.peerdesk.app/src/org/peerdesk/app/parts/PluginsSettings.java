package org.peerdesk.app.parts;

import java.util.List;
import java.util.Optional;

import org.eclipse.e4.core.di.extensions.Service;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.viewers.StructuredSelection;
import org.eclipse.jface.viewers.TableViewer;
import org.eclipse.swt.SWT;
import org.eclipse.swt.program.Program;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Text;
import org.peerdesk.core.NodeCommands;
import org.peerdesk.core.Sentences;
import org.peerdesk.plugins.InstalledPlugin;
import org.peerdesk.plugins.PluginLoader;
import org.peerdesk.storage.DataDirectory;
import org.peerdesk.storage.NodeStartup;
import org.peerdesk.ui.SettingsRows;
import org.peerdesk.ui.SettingsSection;
import org.peerdesk.ui.Tables;
import org.peerdesk.ui.WidgetIds;

import jakarta.annotation.PostConstruct;
import jakarta.inject.Inject;

/**
 * Settings, Plugins: the bundles in the data directory's plugins folder, whether each runs and if not
 * why, and, for the one selected, the commands it adds to {@code ./peerdesk}, the protocols it serves peers and to
 * whom, and the types of data it adds to messages; and the folder itself to put more in. Nothing to apply: a plugin is
 * installed by its file.
 */
public final class PluginsSettings implements SettingsSection {

    @Inject
    @org.eclipse.e4.core.di.annotations.Optional
    @Service
    PluginLoader plugins;

    @Inject
    @org.eclipse.e4.core.di.annotations.Optional
    @Service
    NodeCommands commands;

    @Inject
    @org.eclipse.e4.core.di.annotations.Optional
    NodeStartup node;

    @PostConstruct
    void create(Composite section) {
        if (plugins == null || node == null) {
            SettingsRows.notRunning(section);
            return;
        }
        String folder = node.directory().resolve(DataDirectory.PLUGINS).toString();
        SettingsRows.note(section, "A plugin is a bundle file in " + folder + ". Peerdesk runs new and changed ones, and"
                + " drops those whose file is gone, a moment after the folder changes: their views, commands and protocols"
                + " come and go with them, without a restart.");
        List<InstalledPlugin> installed = plugins.plugins();
        Optional<String> unreadable = plugins.folderProblem();
        if (unreadable.isPresent() || installed.isEmpty()) {
            String said = unreadable.map(Sentences::of).orElse("No plugins are installed.");
            WidgetIds.name(SettingsRows.note(section, said), "settings.plugins.none");
        } else {
            TableViewer table = Tables.create(section, "settings.plugins");
            Tables.column(table, InstalledPlugin.class, "File", 140, InstalledPlugin::file);
            Tables.column(table, InstalledPlugin.class, "Plugin", 230, plugin -> plugin.symbolicName().isEmpty() ? ""
                    : plugin.symbolicName() + " " + plugin.version());
            Tables.column(table, InstalledPlugin.class, "State", 240, plugin -> !plugin.running() ? plugin.problem()
                    : plugin.problem().isEmpty() ? "running" : "running, but " + plugin.problem());
            table.setInput(installed);
            GridDataFactory.fillDefaults().grab(true, false).hint(SWT.DEFAULT, 80).applyTo(table.getControl());
            Text details = WidgetIds.name(new Text(section, SWT.READ_ONLY | SWT.MULTI | SWT.WRAP | SWT.V_SCROLL),
                    "settings.plugins.details");
            GridDataFactory.fillDefaults().grab(true, true).hint(SWT.DEFAULT, 150).applyTo(details);
            table.addSelectionChangedListener(event -> details.setText(describe(Tables.selected(table, InstalledPlugin.class))));
            table.setSelection(new StructuredSelection(installed.get(0)), true);
        }
        Tables.button(section, "Open the plugins folder", "settings.plugins.open", () -> Program.launch(folder));
    }

    /** What the plugin adds, to read in full below the table: its commands, the protocols it serves, its content of messages. */
    private String describe(InstalledPlugin plugin) {
        if (plugin == null) {
            return "";
        }
        List<String> commandLines = commandsOf(plugin).stream()
                .map(command -> "peerdesk " + usage(command) + ": " + command.summary()).toList();
        List<String> protocolLines = plugin.protocols().stream().map(protocol -> protocol.id() + ", to " + protocol.whoMay()).toList();
        return section("Commands", commandLines) + "\n" + section("Serves peers", protocolLines) + "\n"
                + section("Adds to messages (data beside the text, which it sends and checks in peers' messages)", plugin.contentTypes());
    }

    private static String section(String title, List<String> lines) {
        return title + (lines.isEmpty() ? ": nothing" : lines.size() == 1 ? ": " + lines.get(0) : ":\n  " + String.join("\n  ", lines));
    }

    /** The commands the plugin's bundle registered, in the node's registry (empty where the node runs none). */
    private List<NodeCommands.Entry> commandsOf(InstalledPlugin plugin) {
        return commands == null || plugin.symbolicName().isEmpty() ? List.of()
                : commands.all().stream().filter(command -> command.bundle().equals(plugin.symbolicName())).toList();
    }

    private static String usage(NodeCommands.Entry command) {
        return command.runs() ? command.usage() : command.usage() + " (" + command.problem() + ")";
    }

    @Override
    public Optional<String> apply() {
        return Optional.empty();
    }
}
