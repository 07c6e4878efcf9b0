package org.peerdesk.ui;

import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.swt.widgets.Shell;
import org.peerdesk.app.QuitCheck;
import org.peerdesk.storage.ReplacedRun;

/**
 * Offers to start the desktop again, for what takes effect when Peerdesk starts (a take-over, starting over): where the
 * launcher started it (and said where it is), the desktop starts its next run itself, which waits for this one to end;
 * elsewhere (a test's window) it offers to quit.
 */
public final class Restarting {

    private static final Logger LOG = System.getLogger(Restarting.class.getName());
    /** Where util-linux's {@code setsid} is found. */
    private static final List<String> SETSID = List.of("/usr/bin/setsid", "/bin/setsid");
    private static final String JAVA_OPTIONS = "PEERDESK_JAVA_OPTS";

    private Restarting() {
    }

    /**
     * Says {@code said} and offers to restart now (or quit, by {@code quit}: closing the workbench), with the buttons
     * {@code others} between that and "Later". Returns the index in {@code others} of the one chosen, or -1.
     */
    public static int offer(Shell shell, Runnable quit, String title, String said, String... others) {
        Optional<ProcessBuilder> next = nextRun();
        List<String> buttons = new ArrayList<>(List.of(next.isPresent() ? "Restart now" : "Quit now"));
        buttons.addAll(List.of(others));
        buttons.add("Later");
        String question = next.isPresent() ? "Restart Peerdesk now?" : "Quit now, then start Peerdesk again.";
        int chosen = new MessageDialog(shell, title, null, said + "\n\n" + question, MessageDialog.INFORMATION, 0,
                buttons.toArray(String[]::new)).open();
        if (chosen == 0 && QuitCheck.confirmed(shell) && next.map(run -> started(shell, run)).orElse(true)) {
            quit.run();
        }
        return chosen >= 1 && chosen <= others.length ? chosen - 1 : -1;
    }

    /** The next run of this desktop, as the launcher started this one, if it did. */
    private static Optional<ProcessBuilder> nextRun() {
        String launcher = System.getProperty("peerdesk.launcher");
        String data = System.getProperty("peerdesk.data");
        if (launcher == null || launcher.isBlank() || data == null || data.isBlank()) {
            return Optional.empty();
        }
        return Optional.of(nextRun(Path.of(launcher), Path.of(data), Optional.ofNullable(System.getProperty("peerdesk.listen")),
                System.getenv(), ProcessHandle.current().pid(), SETSID.stream().map(Path::of).filter(Files::isExecutable).findFirst()));
    }

    /**
     * The launcher's command that starts the desktop again on {@code data} (listening where this run does), with the Java
     * options of this run and the property that makes the new run wait for this one, process {@code pid}, to end; through
     * {@code setsid} where there is one, so that the new run is no longer this one's child in its terminal's session (which
     * would stop it when the terminal closes, or at a Ctrl+C meant for nothing still running there).
     */
    static ProcessBuilder nextRun(Path launcher, Path data, Optional<String> listen, Map<String, String> environment, long pid,
            Optional<Path> setsid) {
        List<String> command = new ArrayList<>();
        setsid.ifPresent(program -> command.add(program.toString()));
        command.addAll(List.of(launcher.toString(), "--data", data.toString()));
        listen.filter(address -> !address.isBlank()).ifPresent(address -> command.addAll(List.of("--listen", address)));
        ProcessBuilder next = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.DISCARD);
        String options = environment.getOrDefault(JAVA_OPTIONS, "");
        next.environment().put(JAVA_OPTIONS, (options.isBlank() ? "" : options + " ") + "-D" + ReplacedRun.PROPERTY + "=" + pid);
        return next;
    }

    /** Starts the next run (its own log, in the data directory, says how it went); false, said, if it cannot. */
    private static boolean started(Shell shell, ProcessBuilder next) {
        try {
            next.start();
            return true;
        } catch (IOException e) {
            LOG.log(Level.WARNING, "Cannot start Peerdesk again: {0}", e.getMessage());
            MessageDialog.openError(shell, "Restart Peerdesk", "Peerdesk cannot start itself again (" + e.getMessage() + "). Quit,"
                    + " then start it as you did before.");
            return false;
        }
    }
}
