package org.peerdesk.core;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The {@link NodeCommand}s that plugins registered, by word. A word runs the first command registered
 * for it; a command whose word is malformed, is one of Peerdesk's own, or was taken by another stays
 * listed, with why it does not run, until the other goes away.
 */
public final class NodeCommands {

    /** A registered command as it was when registered, the bundle it came from, and why it does not run ("" when it does). */
    public record Entry(NodeCommand command, String word, String arguments, String summary, String bundle, String problem) {

        public boolean runs() {
            return problem.isEmpty();
        }

        /** How it is used: "greet PEER". */
        public String usage() {
            return arguments.isBlank() ? word : word + " " + arguments;
        }
    }

    private static final Logger LOG = System.getLogger(NodeCommands.class.getName());

    private final Set<String> builtIn;
    private final List<Entry> registered = new ArrayList<>(); // in the order of registration; guarded by this

    /** @param builtIn the words of Peerdesk's own commands, which no plugin may take */
    public NodeCommands(Set<String> builtIn) {
        this.builtIn = Set.copyOf(builtIn);
    }

    public synchronized void add(NodeCommand command, String bundle) {
        registered.add(new Entry(command, String.valueOf(command.word()), String.valueOf(command.arguments()),
                String.valueOf(command.summary()), bundle, ""));
        all().stream().filter(entry -> entry.command() == command && !entry.runs()).forEach(entry -> LOG.log(Level.WARNING,
                "The command ''{0}'' of {1} does not run: {2}", entry.word(), bundle, entry.problem()));
    }

    public synchronized void remove(NodeCommand command) {
        registered.removeIf(entry -> entry.command() == command);
    }

    /** The command that runs as {@code word}, if one does. */
    public synchronized Optional<Entry> find(String word) {
        return all().stream().filter(entry -> entry.runs() && entry.word().equals(word)).findFirst();
    }

    /** Every registered command, by word, each with why it does not run where it does not. */
    public synchronized List<Entry> all() {
        Map<String, String> taken = new HashMap<>(); // word to the bundle whose command runs as it
        List<Entry> result = new ArrayList<>();
        for (Entry entry : registered) {
            String problem = problem(entry.word(), taken);
            if (problem.isEmpty()) {
                taken.put(entry.word(), entry.bundle());
            }
            result.add(new Entry(entry.command(), entry.word(), entry.arguments(), entry.summary(), entry.bundle(), problem));
        }
        result.sort(Comparator.comparing(Entry::word));
        return result;
    }

    private String problem(String word, Map<String, String> taken) {
        if (!NodeCommand.WORD.matcher(word).matches()) {
            return "'" + word + "' cannot be a command's word (lower-case letters, digits and dashes, starting with a letter)";
        }
        if (builtIn.contains(word)) {
            return "'" + word + "' is a command of Peerdesk's own";
        }
        if (taken.containsKey(word)) {
            return "'" + word + "' is the word of a command of " + taken.get(word) + " already";
        }
        return "";
    }
}
