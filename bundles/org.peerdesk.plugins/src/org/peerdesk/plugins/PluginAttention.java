package org.peerdesk.plugins;

import java.util.ArrayList;
import java.util.List;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.peerdesk.core.Attention;
import org.peerdesk.core.AttentionSource;

/** A plugin folder that cannot be read, and plugins in it that do not run, or run with components that do not. */
@Component(service = AttentionSource.class)
public final class PluginAttention implements AttentionSource {

    /** The desktop's Settings dialog, whose Plugins tab lists them. */
    private static final String SETTINGS = "org.peerdesk.app.command.settings";

    private final PluginLoader plugins;

    @Activate
    public PluginAttention(@Reference PluginLoader plugins) {
        this.plugins = plugins;
    }

    @Override
    public String area() {
        return "node";
    }

    @Override
    public List<Attention> attention() {
        List<Attention> attention = new ArrayList<>();
        plugins.folderProblem().ifPresent(problem -> attention.add(new Attention(area(), problem, "peerdesk plugins", SETTINGS)));
        plugins.plugins().stream().filter(plugin -> !plugin.running() || !plugin.problem().isEmpty())
                .map(plugin -> new Attention(area(), "plugin " + plugin.file() + (plugin.running() ? " runs, but " : " is ") + plugin.problem(),
                        "peerdesk plugins", SETTINGS)).forEach(attention::add);
        return attention;
    }
}
