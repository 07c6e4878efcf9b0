package org.peerdesk.node.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.peerdesk.core.Sentences;

/**
 * The command line's side of plugins: {@code plugins} lists them with the commands they add, and a word
 * that is not one of Peerdesk's own is asked of the node, where a plugin's command may answer to it.
 */
final class PluginWords {

    private final Output output;

    PluginWords(Output output) {
        this.output = output;
    }

    int list(Cli.Api api) throws Cli.ApiFailure, Cli.NoNode {
        return output.show(api.get("/api/v1/plugins"), this::printPlugins);
    }

    /** Runs {@code words} as a plugin's command on the node. */
    int run(List<String> words, Map<String, String> options, Path data) throws Cli.ApiFailure {
        String word = words.get(0);
        Optional<String> option = options.keySet().stream().filter(given -> !given.equals("data")).sorted().findFirst();
        if (option.isPresent()) {
            return output.usage("'" + word + "' is not one of Peerdesk's commands, and a plugin's command takes words, not options"
                    + " such as --" + option.get());
        }
        Map<String, Object> answer;
        try {
            answer = Cli.Api.of(data).post("/api/v1/commands/run", Map.of("word", word, "arguments", words.subList(1, words.size())));
        } catch (Cli.NoNode e) {
            return output.usage("unknown command '" + word + "'. See './peerdesk help'. (Plugins add commands while their node runs,"
                    + " and none runs on " + data + ".)");
        } catch (Cli.ApiFailure e) {
            if (e.status() == 404) {
                return output.usage("unknown command '" + word + "'. See './peerdesk help', and './peerdesk plugins' for the commands"
                        + " that plugins add.");
            }
            if (e.status() == 400) {
                return output.usage(e.getMessage());
            }
            throw e;
        }
        return output.show(answer, shown -> {
            String text = String.valueOf(shown.get("text")).stripTrailing();
            if (!text.isEmpty()) {
                output.out().println(text);
            }
        });
    }

    private void printPlugins(Map<String, Object> answer) {
        List<Map<String, Object>> plugins = Output.entries(answer, "plugins");
        if (!String.valueOf(answer.get("folderProblem")).isEmpty()) {
            output.out().println(Sentences.of(String.valueOf(answer.get("folderProblem"))));
            return;
        }
        if (plugins.isEmpty()) {
            output.out().println("No plugins. Put plugin bundles (.jar) in " + answer.get("folder") + "; they run a second later.");
            return;
        }
        Table table = new Table("FILE", "BUNDLE", "STATE", "PROBLEM");
        for (Map<String, Object> plugin : plugins) {
            table.add(plugin.get("file"), plugin.get("bundle") + " " + plugin.get("version"),
                    Boolean.TRUE.equals(plugin.get("running")) ? "running" : "stopped", Output.orDash(plugin.get("problem")));
        }
        table.print(output.out());
        Table protocols = new Table("PROTOCOL", "WHO MAY USE IT", "FROM");
        for (Map<String, Object> plugin : plugins) {
            Output.entries(plugin, "protocols").forEach(protocol -> protocols.add(protocol.get("id"), protocol.get("whoMay"), plugin.get("bundle")));
        }
        if (protocols.rows() > 0) {
            output.out().println();
            output.out().println("Protocols they serve to peers over the network:");
            protocols.print(output.out());
        }
        Table contents = new Table("TYPE", "FROM");
        for (Map<String, Object> plugin : plugins) {
            if (plugin.get("contentTypes") instanceof List<?> types) {
                types.forEach(type -> contents.add(type, plugin.get("bundle")));
            }
        }
        if (contents.rows() > 0) {
            output.out().println();
            output.out().println("What they add to messages (data beside the text, sent from here and checked as peers' messages come in):");
            contents.print(output.out());
        }
        List<Map<String, Object>> commands = Output.entries(answer, "commands");
        if (!commands.isEmpty()) {
            output.out().println();
            output.out().println("Commands they add (./peerdesk COMMAND):");
            Table words = new Table("COMMAND", "WHAT IT DOES", "FROM");
            for (Map<String, Object> command : commands) {
                words.add(command.get("usage"), String.valueOf(command.get("problem")).isEmpty() ? command.get("summary")
                        : "does not run: " + command.get("problem"), command.get("bundle"));
            }
            words.print(output.out());
        }
    }
}
