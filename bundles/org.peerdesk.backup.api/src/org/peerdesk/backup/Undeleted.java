package org.peerdesk.backup;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.peerdesk.core.Counts;
import org.peerdesk.core.Sentences;

/**
 * What an undeletion brought back: the snapshots this node had deleted (a prune) that its holders still kept, oldest
 * first, and those whose records came back but could not be read back whole ({@code problems}, each saying why); the
 * holders asked ({@code holders}, by name), and why the others were not ({@code unreachable}: "srv is offline"), whose
 * keeping waits for them to be asked again.
 */
public record Undeleted(List<Snapshot> snapshots, List<String> problems, List<String> holders, List<String> unreachable) {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    public Undeleted {
        snapshots = List.copyOf(snapshots);
        problems = List.copyOf(problems);
        holders = List.copyOf(holders);
        unreachable = List.copyOf(unreachable);
    }

    /** What came back and from whom, in a sentence or two, with the snapshots' times in {@code zone}. */
    public String summary(ZoneId zone) {
        String asked = Sentences.listed(holders);
        String said;
        if (snapshots.isEmpty() && !problems.isEmpty()) {
            said = "No snapshot came back whole from " + asked + ".";
        } else if (snapshots.isEmpty()) {
            said = "Nothing came back: " + asked + (holders.size() == 1 ? " keeps" : " keep") + " no snapshot this node deleted"
                    + " (a holder keeps what is deleted for a week, unless its owner chose a shorter time).";
        } else {
            Map<String, List<String>> timesPerSet = new LinkedHashMap<>();
            snapshots.forEach(snapshot -> timesPerSet.computeIfAbsent(snapshot.set(), any -> new ArrayList<>())
                    .add(WHEN.format(snapshot.time().atZone(zone))));
            List<String> perSet = new ArrayList<>();
            timesPerSet.forEach((set, times) -> perSet.add("'" + set + "' of " + Sentences.listed(times)));
            said = "Brought back " + Counts.of(snapshots.size(), "snapshot") + " from " + asked + ": " + String.join("; ", perSet) + ".";
        }
        if (!problems.isEmpty()) {
            said += " Not brought back: " + String.join("; ", problems.stream().map(Undeleted::clause).toList()) + ".";
        }
        return unreachable.isEmpty() ? said : said + " Not asked: " + String.join("; ", unreachable.stream().map(Undeleted::clause).toList())
                + "; undelete again once " + (unreachable.size() == 1 ? "it is" : "they are") + " online.";
    }

    private static String clause(String sentence) {
        return sentence.endsWith(".") ? sentence.substring(0, sentence.length() - 1) : sentence;
    }
}
