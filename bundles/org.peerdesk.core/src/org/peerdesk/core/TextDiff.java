package org.peerdesk.core;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The lines that differ between two versions of a text, found with Myers' shortest-edit algorithm, shown as a
 * unified diff: hunks of removed ({@code -}) and added ({@code +}) lines among a few unchanged ones around them.
 */
public final class TextDiff {

    /** Unchanged lines shown around each change. */
    static final int CONTEXT = 3;

    private enum Kind {
        SAME(' '), REMOVED('-'), ADDED('+');

        final char mark;

        Kind(char mark) {
            this.mark = mark;
        }
    }

    private record Edit(Kind kind, int original, int changed) {
    }

    private final List<String> original;
    private final List<String> changed;
    private final List<Edit> edits;

    private TextDiff(List<String> original, List<String> changed, List<Edit> edits) {
        this.original = original;
        this.changed = changed;
        this.edits = edits;
    }

    /**
     * The difference between two lists of lines, or empty when more than {@code maxChanges} lines were removed or
     * added (the work grows with the square of that: two unrelated texts are not worth a line-by-line comparison).
     */
    public static Optional<TextDiff> of(List<String> original, List<String> changed, int maxChanges) {
        return script(original, changed, maxChanges).map(edits -> new TextDiff(List.copyOf(original), List.copyOf(changed), edits));
    }

    /**
     * Every line of both versions, each once where they share it, in the order of the two: where they differ, the
     * original's lines before the changed one's. As git's "union" merge: nothing either holds is lost, and a line one
     * side removed comes back.
     */
    public List<String> union() {
        return edits.stream().map(edit -> edit.kind() == Kind.ADDED ? changed.get(edit.changed()) : original.get(edit.original())).toList();
    }

    private boolean same() {
        return edits.stream().allMatch(edit -> edit.kind() == Kind.SAME);
    }

    /** The unified diff, with {@code originalName} and {@code changedName} in its header; empty when nothing differs. */
    public String unified(String originalName, String changedName) {
        if (same()) {
            return "";
        }
        StringBuilder text = new StringBuilder("--- ").append(originalName).append("\n+++ ").append(changedName).append('\n');
        int at = 0;
        while (at < edits.size()) {
            int firstChange = at;
            while (firstChange < edits.size() && edits.get(firstChange).kind() == Kind.SAME) {
                firstChange++;
            }
            if (firstChange == edits.size()) {
                break;
            }
            int start = Math.max(at, firstChange - CONTEXT);
            int end = hunkEnd(firstChange);
            appendHunk(text, start, end);
            at = end;
        }
        return text.toString();
    }

    /** Where the hunk that holds the change at {@code from} ends: after the context following its last change. */
    private int hunkEnd(int from) {
        int lastChange = from;
        for (int i = from; i < edits.size(); i++) {
            if (edits.get(i).kind() != Kind.SAME) {
                lastChange = i;
            } else if (i - lastChange > 2 * CONTEXT) {
                break; // the next change is far enough for a hunk of its own
            }
        }
        return Math.min(edits.size(), lastChange + 1 + CONTEXT);
    }

    private void appendHunk(StringBuilder text, int start, int end) {
        int originalLines = 0;
        int changedLines = 0;
        for (Edit edit : edits.subList(start, end)) {
            originalLines += edit.kind() == Kind.ADDED ? 0 : 1;
            changedLines += edit.kind() == Kind.REMOVED ? 0 : 1;
        }
        Edit first = edits.get(start);
        text.append("@@ -").append(range(first.original(), originalLines)).append(" +").append(range(first.changed(), changedLines))
                .append(" @@\n");
        for (Edit edit : edits.subList(start, end)) {
            String line = edit.kind() == Kind.ADDED ? changed.get(edit.changed()) : original.get(edit.original());
            text.append(edit.kind().mark).append(line).append('\n');
        }
    }

    /** A hunk's lines in one version, as unified diffs write them: first line (from 1) and count. */
    private static String range(int index, int count) {
        return count == 0 ? index + ",0" : (index + 1) + "," + count;
    }

    /**
     * Myers' greedy search for the fewest removals and additions: for each number of edits d, the furthest point
     * reached on every diagonal k (x - y). The points of each round are kept to walk back the path.
     */
    private static Optional<List<Edit>> script(List<String> a, List<String> b, int maxChanges) {
        int n = a.size();
        int m = b.size();
        int limit = Math.min(n + m, maxChanges);
        List<int[]> rounds = new ArrayList<>();
        int[] previous = {0}; // round -1: diagonal 1 at x = 0, so that round 0 starts at (0, 0)
        for (int d = 0; d <= limit; d++) {
            int[] reached = new int[2 * d + 1];
            for (int k = -d; k <= d; k += 2) {
                int x = (k == -d || (k != d && furthest(previous, d - 1, k - 1) < furthest(previous, d - 1, k + 1)))
                        ? furthest(previous, d - 1, k + 1) // down: an addition
                        : furthest(previous, d - 1, k - 1) + 1; // right: a removal
                int y = x - k;
                while (x < n && y < m && a.get(x).equals(b.get(y))) {
                    x++;
                    y++;
                }
                reached[k + d] = x;
                if (x >= n && y >= m) {
                    rounds.add(reached);
                    return Optional.of(walkBack(a, b, rounds));
                }
            }
            rounds.add(reached);
            previous = reached;
        }
        return Optional.empty();
    }

    /** The x reached on diagonal k in round d (round -1 holds only diagonal 1). */
    private static int furthest(int[] round, int d, int k) {
        return d < 0 ? round[0] : round[k + d];
    }

    private static List<Edit> walkBack(List<String> a, List<String> b, List<int[]> rounds) {
        List<Edit> reversed = new ArrayList<>();
        int x = a.size();
        int y = b.size();
        for (int d = rounds.size() - 1; d > 0; d--) {
            int[] previous = rounds.get(d - 1);
            int k = x - y;
            boolean down = k == -d || (k != d && previous[k - 1 + d - 1] < previous[k + 1 + d - 1]);
            int fromK = down ? k + 1 : k - 1;
            int fromX = previous[fromK + d - 1];
            int fromY = fromX - fromK;
            int afterEditX = down ? fromX : fromX + 1;
            int afterEditY = afterEditX - k;
            while (x > afterEditX && y > afterEditY) {
                reversed.add(new Edit(Kind.SAME, --x, --y));
            }
            reversed.add(down ? new Edit(Kind.ADDED, x, --y) : new Edit(Kind.REMOVED, --x, y));
            x = fromX;
            y = fromY;
        }
        while (x > 0 && y > 0) {
            reversed.add(new Edit(Kind.SAME, --x, --y));
        }
        List<Edit> edits = new ArrayList<>(reversed.size());
        for (int i = reversed.size() - 1; i >= 0; i--) {
            edits.add(reversed.get(i));
        }
        return edits;
    }
}
