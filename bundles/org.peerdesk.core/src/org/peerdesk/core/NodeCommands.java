package org.peerdesk.core;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The {@link NodeCommand}s that plugins registered, by word. A word runs the first command registered
 * for it; a command whose word is malformed, is one of Peerdesk's own, or was taken by another stays
 * listed, with why it does not run, until the other goes away. Commands run on threads of their own, a
 * few at a time and each for a limited time, so that a plugin's command that hangs holds up no one else.
 */
public final class NodeCommands implements AutoCloseable {

    /** How many plugins' commands may run at once. */
    public static final int MOST_AT_ONCE = 4;

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

    /** Refused: {@value #MOST_AT_ONCE} commands still run. */
    public static final class Busy extends PeerdeskException {

        private static final long serialVersionUID = 1L;

        Busy() {
            super(MOST_AT_ONCE + " commands of plugins are still running; try again when one has finished.");
        }
    }

    private static final Logger LOG = System.getLogger(NodeCommands.class.getName());

    private final Set<String> builtIn;
    private final List<Entry> registered = new ArrayList<>(); // in the order of registration; guarded by this
    private final ExecutorService runners = new ThreadPoolExecutor(0, MOST_AT_ONCE, 30, TimeUnit.SECONDS, new SynchronousQueue<>(),
            Threads.daemon("peerdesk-plugin-command"));

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

    /**
     * Runs {@code entry}'s command with {@code arguments}, for up to {@code within}; one still running then is
     * interrupted.
     *
     * @throws PeerdeskException what the command threw (an {@link InvalidInputException} for arguments it does not
     *                           take), or {@link Busy}
     * @throws TimeoutException  when it did not finish in time
     */
    public NodeCommand.Answer run(Entry entry, List<String> arguments, Duration within)
            throws PeerdeskException, TimeoutException, InterruptedException {
        Future<NodeCommand.Answer> running;
        try {
            running = runners.submit(() -> entry.command().run(arguments));
        } catch (RejectedExecutionException e) {
            throw new Busy();
        }
        try {
            return running.get(within.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException | InterruptedException e) {
            running.cancel(true);
            throw e;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof PeerdeskException failure) {
                throw failure;
            }
            if (e.getCause() instanceof RuntimeException bug) {
                throw bug;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    @Override
    public void close() {
        runners.shutdownNow();
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
