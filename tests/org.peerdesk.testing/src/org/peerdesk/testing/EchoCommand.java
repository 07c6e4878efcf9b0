package org.peerdesk.testing;

import java.util.List;
import java.util.Map;

import org.peerdesk.core.NodeCommand;

/**
 * A plugin's command that says its words back, under the word its component's {@code word} property gives: the class of
 * the commands in {@link CommandPlugin}'s bundle.
 */
public final class EchoCommand implements NodeCommand {

    private String word = "echo";

    /** Called by Declarative Services with the component's properties. */
    public void activate(Map<String, Object> properties) {
        word = String.valueOf(properties.getOrDefault("word", word));
    }

    @Override
    public String word() {
        return word;
    }

    @Override
    public String arguments() {
        return "TEXT...";
    }

    @Override
    public String summary() {
        return "says TEXT back";
    }

    @Override
    public Answer run(List<String> arguments) {
        return Answer.of(String.join(" ", arguments));
    }
}
