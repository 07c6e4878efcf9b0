package org.peerdesk.ui;

/**
 * The family of the Jobs that do work the user would lose by quitting, such as a transfer or a
 * backup: such a job answers true from {@code belongsTo(Work.FAMILY)}, and quitting while one runs
 * asks first.
 */
public final class Work {

    public static final Object FAMILY = Work.class;

    private Work() {
    }
}
