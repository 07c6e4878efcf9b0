package org.peerdesk.messaging.core;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.peerdesk.core.PeerId;
import org.peerdesk.messaging.Attachment;
import org.peerdesk.messaging.Message;
import org.peerdesk.messaging.MessagingException;

/**
 * Where the files of a message are offered to its recipients before it is signed, and withdrawn from when it is deleted,
 * and where others' files were fetched to: the file service, in the running node.
 */
interface Shelf {

    /** Copies the files where the recipients may fetch them, grants them read, and says where they lie. */
    List<Attachment> offer(String messageId, List<Path> files, List<PeerId> recipients) throws MessagingException;

    /** Where a file of a message this node sent lies on the shelf, to offer it again (a forwarded message's). */
    Path local(Attachment attachment);

    /**
     * Where the files of these messages from others were fetched to here: for each message whose every file a finished
     * download brought, and that is still where it was put, those files, by message ID.
     */
    Map<String, List<Path>> fetched(List<Message> messages) throws MessagingException;

    /** Takes a deleted message's files off the shelf: no recipient may fetch them any longer. */
    void withdraw(String messageId) throws MessagingException;
}
