package org.peerdesk.core;

import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.util.Locale;
import java.util.Objects;

/**
 * What went wrong with an I/O operation, in words: "FILE: reason". Java's file system errors often carry the file alone
 * as their message ("/home/ana/x"), the reason being in the exception's type; shown as it is, a problem reads as a path.
 */
public final class IoMessages {

    private IoMessages() {
    }

    /** Any failure's message; a file system error's in the form above, also when wrapped in an error that only repeats it. */
    public static String of(Exception error) {
        Throwable cause = error;
        while (!(cause instanceof FileSystemException) && cause.getCause() != null
                && Objects.equals(cause.getMessage(), cause.getCause().getMessage())) {
            cause = cause.getCause();
        }
        if (cause instanceof FileSystemException failed && failed.getFile() != null) {
            String files = failed.getOtherFile() == null ? failed.getFile() : failed.getFile() + " -> " + failed.getOtherFile();
            return files + ": " + reason(failed);
        }
        return error.getMessage() == null ? error.getClass().getSimpleName() : error.getMessage();
    }

    private static String reason(FileSystemException failed) {
        if (failed.getReason() != null) {
            String reason = failed.getReason();
            return reason.isEmpty() ? "failed" : reason.substring(0, 1).toLowerCase(Locale.ROOT) + reason.substring(1);
        }
        return switch (failed) {
            case NoSuchFileException missing -> "no such file or folder";
            case AccessDeniedException denied -> "permission denied";
            case FileAlreadyExistsException exists -> "already exists";
            case NotDirectoryException notFolder -> "not a folder";
            case DirectoryNotEmptyException notEmpty -> "the folder is not empty";
            default -> "failed";
        };
    }
}
