package org.peerdesk.node.api;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;

import org.peerdesk.core.InvalidInputException;
import org.peerdesk.core.NodeCommand;
import org.peerdesk.core.NodeCommands;

/** The admin API of the commands that plugins add: which there are, and running one. */
record CommandRoutes(NodeCommands commands) {

    private static final Logger LOG = System.getLogger(CommandRoutes.class.getName());
    /** Under the CLI's minute of waiting for an answer, so that it hears why. */
    private static final Duration RUN_WITHIN = Duration.ofSeconds(50);

    void register(ApiServer server) {
        server.route("GET", "/api/v1/commands", body -> Map.of("commands", described()));
        server.route("POST", "/api/v1/commands/run", this::run);
    }

    /** Every registered command, for this list and the plugins' one. */
    List<Map<String, Object>> described() {
        return commands.all().stream().map(CommandRoutes::describe).toList();
    }

    private Map<String, Object> run(Map<String, Object> body) throws Exception {
        String word = Bodies.text(body, "word");
        List<String> arguments = Bodies.texts(body, "arguments", "[\"ben\", \"hello\"]");
        NodeCommands.Entry command = commands.find(word)
                .orElseThrow(() -> new ApiError(404, "No command '" + word + "': neither Peerdesk nor a running plugin has one."));
        NodeCommand.Answer answer;
        try {
            answer = commands.run(command, arguments, RUN_WITHIN);
        } catch (TimeoutException e) {
            throw new ApiError(504, "The command '" + word + "' of " + command.bundle() + " did not finish within "
                    + RUN_WITHIN.toSeconds() + " s, and was stopped.");
        } catch (NodeCommands.Busy e) {
            throw new ApiError(503, e.getMessage());
        } catch (InvalidInputException e) {
            throw ApiError.badRequest(e.getMessage() + " (usage: " + command.usage() + ")");
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "The command '" + word + "' of " + command.bundle() + " failed", e);
            throw new ApiError(500, "The command '" + word + "' of " + command.bundle() + " failed: " + e);
        }
        return Map.of("word", word, "text", answer.text(), "data", answer.data());
    }

    private static Map<String, Object> describe(NodeCommands.Entry entry) {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("word", entry.word());
        result.put("usage", entry.usage());
        result.put("summary", entry.summary());
        result.put("bundle", entry.bundle());
        result.put("runs", entry.runs());
        result.put("problem", entry.problem());
        return result;
    }
}
