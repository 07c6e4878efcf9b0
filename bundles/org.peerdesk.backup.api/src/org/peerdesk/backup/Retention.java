package org.peerdesk.backup;

/**
 * Which snapshots a prune keeps: the newest {@code last}, the newest of each of the last
 * {@code daily} days that have one, and of the last {@code weekly} weeks. A snapshot any rule keeps
 * stays; a prune refuses a retention that keeps nothing.
 */
public record Retention(int last, int daily, int weekly) {

    /** Whether it keeps at least one snapshot and counts nothing below zero. */
    public boolean valid() {
        return last >= 0 && daily >= 0 && weekly >= 0 && last + daily + weekly > 0;
    }
}
